import type { KeyFigures } from '@firebreak/shared';
import { Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';
import { duration, percent } from './presentation.js';

type Figure = {
  label: string;
  value: (k: KeyFigures) => number | null;
  format: (v: number | null) => string;
  /** Which way is better; incidents and pages going down is good news. */
  better: 'lower' | 'higher';
};

const FIGURES: Figure[] = [
  { label: 'Incidents', value: (k) => k.incidents, format: (v) => String(v ?? 0), better: 'lower' },
  { label: 'MTTA (p50)', value: (k) => k.mttaP50Ms, format: duration, better: 'lower' },
  { label: 'MTTR (p50)', value: (k) => k.mttrP50Ms, format: duration, better: 'lower' },
  { label: 'MTTR (p90)', value: (k) => k.mttrP90Ms, format: duration, better: 'lower' },
  { label: 'Pages', value: (k) => k.pages, format: (v) => String(v ?? 0), better: 'lower' },
  { label: 'Pages in sleep hours', value: (k) => k.sleepHourPages, format: (v) => String(v ?? 0), better: 'lower' },
  { label: 'Updates on time', value: (k) => k.cadenceAdherence, format: percent, better: 'higher' },
  { label: 'Postmortems published', value: (k) => k.postmortemCompletion, format: percent, better: 'higher' },
  { label: 'Action items overdue', value: (k) => k.actionItemsOverdue, format: (v) => String(v ?? 0), better: 'lower' },
];

/** Headline numbers of a period, each against the period it is compared with. */
export function KeyFiguresGrid({
  current,
  previous,
  previousLabel,
}: {
  current: KeyFigures;
  previous: KeyFigures;
  previousLabel: string;
}) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
      {FIGURES.map((f) => {
        const now = f.value(current);
        const before = f.value(previous);
        const change = now != null && before != null && now !== before ? (now > before ? 'up' : 'down') : null;
        const good = change && (change === 'down') === (f.better === 'lower');
        const Arrow = change === 'up' ? IconArrowUpRight : IconArrowDownRight;
        return (
          <Paper key={f.label} withBorder radius="md" p="sm" role="group" aria-label={f.label}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {f.label}
            </Text>
            <Group gap={6} align="baseline" wrap="nowrap">
              <Text size="xl" fw={700}>
                {f.format(now)}
              </Text>
              {change && <Arrow size={16} color={`var(--mantine-color-${good ? 'teal' : 'red'}-6)`} aria-hidden />}
            </Group>
            <Text size="xs" c="dimmed">
              {f.format(before)} {previousLabel}
            </Text>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
