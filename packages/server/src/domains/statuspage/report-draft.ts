import type { ReportSections } from '@firebreak/shared';

// The first draft of a customer-facing incident report. A person always reviews and edits it
// before it is published; the draft only saves them from a blank page. With a postmortem, sections
// are taken from its headings (what happened, impact, root cause, resolution, action items); without
// one, from what customers were already told.

export type DraftSource = {
  name: string;
  /** Public updates, oldest first. */
  updates: { status: string; body: string }[];
  componentNames: string[];
  startedAt: string;
  resolvedAt: string | null;
  /** Postmortem text (markdown-ish), when one exists. */
  postmortem?: string | undefined;
};

const HEADINGS: [keyof ReportSections, RegExp][] = [
  ['whatHappened', /^(summary|what happened|impact|timeline|overview)\b/i],
  ['rootCause', /^(root cause|cause|why|five whys|contributing factors)\b/i],
  ['whatWeFixed', /^(resolution|fix|mitigation|what we (did|fixed)|recovery)\b/i],
  ['prevention', /^(action items|prevention|follow[- ]?ups?|next steps|lessons learned|what we will do)\b/i],
];

/** Splits markdown-ish text into sections by heading (`#`, `##`, or a line ending in a colon). */
export function sectionsOf(text: string): Map<keyof ReportSections, string> {
  const found = new Map<keyof ReportSections, string[]>();
  let current: keyof ReportSections | null = null;
  for (const line of text.split(/\r?\n/)) {
    const heading = /^\s*(#{1,6}\s+(.+?)|([A-Za-z][A-Za-z '-]{2,40}):)\s*$/.exec(line);
    const title = heading ? (heading[2] ?? heading[3] ?? '').trim() : null;
    const match = title ? HEADINGS.find(([, re]) => re.test(title)) : undefined;
    if (title !== null) {
      current = match ? match[0] : null;
      continue;
    }
    if (current) found.set(current, [...(found.get(current) ?? []), line]);
  }
  return new Map(
    [...found].map(([k, lines]) => [k, lines.join('\n').trim()]).filter(([, v]) => v) as [
      keyof ReportSections,
      string,
    ][],
  );
}

export function draftCustomerReport(source: DraftSource): ReportSections {
  const fromPostmortem = source.postmortem ? sectionsOf(source.postmortem) : new Map<keyof ReportSections, string>();
  const affected = source.componentNames.length ? source.componentNames.join(', ') : 'some of our services';
  const first = source.updates[0]?.body;
  const resolution = [...source.updates]
    .reverse()
    .find((u) => u.status === 'resolved' || u.status === 'monitoring')?.body;
  const window = source.resolvedAt ? `from ${source.startedAt} to ${source.resolvedAt}` : `since ${source.startedAt}`;
  return {
    apology: `We are sorry for the disruption to ${affected}. We know you rely on us, and we let you down.`,
    whatHappened:
      fromPostmortem.get('whatHappened') ??
      [`${source.name}: ${affected} ${source.resolvedAt ? 'were' : 'are'} affected ${window}.`, first]
        .filter(Boolean)
        .join('\n\n'),
    rootCause: fromPostmortem.get('rootCause') ?? '[Explain in plain words why it happened, without jargon or blame.]',
    whatWeFixed: fromPostmortem.get('whatWeFixed') ?? resolution ?? '[Describe what we changed to restore service.]',
    prevention: fromPostmortem.get('prevention') ?? '[List what we will do so this does not happen again.]',
  };
}
