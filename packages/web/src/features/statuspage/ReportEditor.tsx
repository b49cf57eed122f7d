import type { PublicIncidentReport, ReportSections } from '@firebreak/shared';
import { Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { PlainLanguageHint } from './PlainLanguageHint.js';
import { useReport, useReportAction } from './statuspage.api.js';

const PARTS: { key: keyof ReportSections; label: string; hint: string }[] = [
  { key: 'apology', label: 'Apology', hint: 'A sincere apology, in one or two sentences' },
  {
    key: 'whatHappened',
    label: 'What happened and the impact',
    hint: 'What customers saw, when, and who was affected',
  },
  { key: 'rootCause', label: 'Root cause', hint: 'Why it happened, in plain words, without blame' },
  { key: 'whatWeFixed', label: 'What we fixed', hint: 'What we changed to restore service' },
  { key: 'prevention', label: 'What we will do', hint: 'So it does not happen again' },
];

function ReportForm({ id, report }: { id: string; report: PublicIncidentReport }) {
  const action = useReportAction(id);
  const [draft, setDraft] = useState<ReportSections>(report);
  const dirty = PARTS.some((p) => draft[p.key] !== report[p.key]);
  const published = report.state === 'published';
  return (
    <Stack>
      <Group gap="xs">
        <Badge variant="light" color={published ? 'green' : report.state === 'reviewed' ? 'blue' : 'gray'}>
          {report.state}
        </Badge>
        {report.editedBy && (
          <Text size="xs" c="dimmed">
            Last edited by {report.editedBy.name}
            {report.reviewedBy ? `, reviewed by ${report.reviewedBy.name}` : ''}
          </Text>
        )}
      </Group>
      <ProblemAlert error={action.error} />
      {PARTS.map((p) => (
        <Stack key={p.key} gap={4}>
          <Textarea
            label={p.label}
            description={p.hint}
            autosize
            minRows={2}
            value={draft[p.key]}
            onChange={(e) => setDraft({ ...draft, [p.key]: e.currentTarget.value })}
          />
          <PlainLanguageHint text={draft[p.key]} />
        </Stack>
      ))}
      <Group justify="flex-end">
        <Button
          variant="default"
          disabled={!dirty}
          loading={action.isPending}
          onClick={() => action.mutate({ kind: 'edit', input: draft })}
        >
          Save draft
        </Button>
        <Button
          variant="light"
          disabled={dirty || report.state !== 'draft'}
          onClick={() => action.mutate({ kind: 'review' })}
        >
          Mark reviewed
        </Button>
        <Button disabled={dirty || report.state !== 'reviewed'} onClick={() => action.mutate({ kind: 'publish' })}>
          Publish report
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Someone other than the last editor reviews the report before it is published and sent to subscribers.
      </Text>
    </Stack>
  );
}

/** The customer-facing incident report: drafted from the updates, edited, reviewed, published. */
export function ReportEditor({ id }: { id: string }) {
  const report = useReport(id);
  const action = useReportAction(id);
  return (
    <Section
      title="Incident report"
      description="What customers read afterwards: an apology, what happened, why, and what changes."
    >
      {report.data ? (
        <ReportForm key={report.data.updatedAt} id={id} report={report.data} />
      ) : (
        <Stack align="flex-start">
          <ProblemAlert error={report.error ?? action.error} />
          <Button loading={action.isPending} onClick={() => action.mutate({ kind: 'draft' })}>
            Draft report
          </Button>
        </Stack>
      )}
    </Section>
  );
}
