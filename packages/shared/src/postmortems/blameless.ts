/**
 * Blameless check: finds sentences that pin a failure on a named participant ("Sam forgot to…",
 * "Sam's mistake", "because Sam didn't…") and suggests the systems-focused question to ask instead.
 * Suggestions never block saving; they are prompts for the author. Pure, so the UI can run it live.
 */

export type BlamelessSuggestion = {
  /** The sentence as written. */
  sentence: string;
  /** The participant the sentence names. */
  person: string;
  /** The words that attribute fault, e.g. "Sam forgot". */
  phrase: string;
  /** Offsets of `phrase` in the checked text. */
  start: number;
  end: number;
  /** The question to ask instead. */
  question: string;
};

/** The question every suggestion comes back to. */
export const SYSTEMS_QUESTION = 'What conditions allowed this decision to be made?';

type Rule = { pattern: (name: string) => string; question: string };

const OMISSION = 'forgot|forgotten|missed|overlooked|skipped';
const FAILURE =
  "failed to|neglected to|neglected|ignored|didn['’]t|did not|wasn['’]t careful|was careless|should have|should['’]ve|shouldn['’]t have|was supposed to";
const FAULT = 'mistake|fault|error|blunder|screw-?up|oversight|negligence|carelessness';
const CAUSE = 'caused|broke|messed up|screwed up|is to blame|was to blame|accidentally';

const CAUSE_QUESTION = `${SYSTEMS_QUESTION} What in the system let one person's action have this effect?`;

const RULES: Rule[] = [
  {
    pattern: (n) => `because(?:\\s+of)?\\s+${n}(?:\\s+(?:${OMISSION}|${FAILURE}))?`,
    question: `${SYSTEMS_QUESTION} Which missing safeguard, signal or time pressure made that outcome likely?`,
  },
  {
    pattern: (n) => `${n}\\s+(?:${OMISSION})`,
    question: `${SYSTEMS_QUESTION} What would have reminded anyone in that position: is the step automated, checklisted or visible?`,
  },
  {
    pattern: (n) => `${n}\\s+(?:${FAILURE})`,
    question: `${SYSTEMS_QUESTION} What made the expected action hard, unclear or costly at that moment?`,
  },
  {
    pattern: (n) => `${n}['’]s\\s+(?:own\\s+)?(?:${FAULT})`,
    question: `${SYSTEMS_QUESTION} What about the tooling, information or process let a reasonable action lead here?`,
  },
  {
    pattern: (n) => `${n}\\s+(?:${CAUSE})`,
    question: CAUSE_QUESTION,
  },
  {
    pattern: (n) => `(?:blame[sd]?|fault of)\\s+${n}`,
    question: CAUSE_QUESTION,
  },
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD = '[\\p{L}\\p{N}]';

/** Full names, and first names of three letters or more ("Sam forgot" names Sam Lee). */
function nameVariants(names: string[]): Map<string, string> {
  const variants = new Map<string, string>();
  for (const full of names) {
    const name = full.trim().replace(/\s+/g, ' ');
    if (name.length < 2) continue;
    variants.set(name.toLowerCase(), name);
    const first = name.split(' ')[0]!;
    if (first.length >= 3 && !variants.has(first.toLowerCase())) variants.set(first.toLowerCase(), name);
  }
  return variants;
}

function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^.!?\n]+(?:[.!?]+|$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) out.push({ text: body, start: m.index + lead });
  }
  return out;
}

/**
 * @example
 * blamelessSuggestions('The deploy failed because Sam forgot the flag.', ['Sam Lee'])[0]?.phrase; // 'because Sam forgot'
 */
export function blamelessSuggestions(text: string, participantNames: string[]): BlamelessSuggestion[] {
  const variants = nameVariants(participantNames);
  if (variants.size === 0 || !text) return [];
  const alternatives = [...variants.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const name = `(?<name>${alternatives.join('|')})`;
  const found: BlamelessSuggestion[] = [];
  for (const sentence of sentences(text)) {
    const taken: [number, number][] = [];
    for (const rule of RULES) {
      const re = new RegExp(`(?<!${WORD})(?:${rule.pattern(name)})(?!${WORD})`, 'giu');
      for (let m = re.exec(sentence.text); m; m = re.exec(sentence.text)) {
        const start = m.index;
        const end = start + m[0].length;
        if (taken.some(([s, e]) => start < e && end > s)) continue;
        taken.push([start, end]);
        const who = m.groups?.name ?? '';
        found.push({
          sentence: sentence.text,
          person: variants.get(who.toLowerCase()) ?? who,
          phrase: m[0],
          start: sentence.start + start,
          end: sentence.start + end,
          question: rule.question,
        });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
