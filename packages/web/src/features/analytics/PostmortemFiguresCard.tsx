import type { PostmortemFigures } from '@firebreak/shared';
import { Badge, Group, Stack, Text } from '@mantine/core';
import { Section } from '../../components/Section.js';
import { duration, percent } from './presentation.js';

/** Postmortem completion, action items, and the most frequent contributing factors and tags. */
export function PostmortemFiguresCard({ figures, csvHref }: { figures: PostmortemFigures; csvHref: string }) {
  const { actionItems: a } = figures;
  return (
    <Section
      title="Postmortems and action items"
      description={
        <a href={csvHref} download>
          Download as CSV
        </a>
      }
    >
      <Stack gap="xs">
        <Text size="sm">
          {figures.published} of {figures.required} required postmortems published ({percent(figures.completion)});{' '}
          {figures.started} started. Time to publish: p50 {duration(figures.timeToPublish.p50Ms)}, p90{' '}
          {duration(figures.timeToPublish.p90Ms)}.
        </Text>
        <Text size="sm">
          Action items: {a.opened} opened, {a.closed} closed,{' '}
          <Text span c={a.overdue ? 'red' : undefined} fw={a.overdue ? 600 : undefined}>
            {a.overdue} overdue
          </Text>
          .
        </Text>
        <Group gap="xs" role="group" aria-label="Most frequent contributing factors">
          <Text size="sm" fw={500}>
            Contributing factors:
          </Text>
          {figures.factors.length === 0 && <Text size="sm">—</Text>}
          {figures.factors.map((f) => (
            <Badge key={f.category} variant="light" color="grape">
              {f.category} · {f.count}
            </Badge>
          ))}
        </Group>
        <Group gap="xs" role="group" aria-label="Most frequent tags">
          <Text size="sm" fw={500}>
            Tags:
          </Text>
          {figures.tags.length === 0 && <Text size="sm">—</Text>}
          {figures.tags.map((t) => (
            <Badge key={t.tag} variant="outline">
              {t.tag} · {t.count}
            </Badge>
          ))}
        </Group>
      </Stack>
    </Section>
  );
}
