import { Text } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { hourLabel } from '../presentation.js';

const CELL = 22;
const LABEL = 150;
const HEAD = 20;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** True for the hours from 22:00 to 07:00, shaded on the axis. */
const sleepHour = (h: number) => h >= 22 || h < 7;

/**
 * Rows of people, 24 columns of local hours; the darker the cell, the more pages in that hour.
 * Hours 22–07 (sleep) are marked on the axis.
 */
export function HourHeatMap({
  title,
  description,
  rows,
}: {
  title: string;
  description: string;
  rows: { key: string; label: string; hours: number[] }[];
}) {
  const id = useId();
  const max = Math.max(1, ...rows.flatMap((r) => r.hours));
  const width = LABEL + 24 * CELL;
  const height = HEAD + rows.length * CELL + 4;
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nobody was paged in this range.
      </Text>
    );
  }
  const cells: ReactNode[] = [];
  rows.forEach((row, r) => {
    for (const h of HOURS) {
      const count = row.hours[h] ?? 0;
      cells.push(
        <rect
          key={`${row.key}-${h}`}
          x={LABEL + h * CELL + 1}
          y={HEAD + r * CELL + 1}
          width={CELL - 2}
          height={CELL - 2}
          rx={3}
          fill={count ? 'var(--mantine-color-grape-6)' : 'var(--mantine-color-default-border)'}
          fillOpacity={count ? 0.2 + (0.8 * count) / max : 0.35}
        >
          <title>{`${row.label}, ${hourLabel(h)}: ${count} page${count === 1 ? '' : 's'}`}</title>
        </rect>,
      );
    }
  });
  return (
    <figure style={{ margin: 0, overflowX: 'auto' }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ minWidth: 520, display: 'block' }}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {HOURS.map((h) => (
          <text
            key={h}
            x={LABEL + h * CELL + CELL / 2}
            y={13}
            textAnchor="middle"
            fontSize={10}
            fill={sleepHour(h) ? 'var(--mantine-color-indigo-5)' : 'var(--mantine-color-dimmed)'}
            fontWeight={sleepHour(h) ? 700 : 400}
          >
            {h}
          </text>
        ))}
        {rows.map((row, r) => (
          <text key={row.key} x={LABEL - 8} y={HEAD + r * CELL + 15} textAnchor="end" fontSize={11} fill="currentColor">
            {row.label.length > 22 ? `${row.label.slice(0, 21)}…` : row.label}
          </text>
        ))}
        {cells}
      </svg>
    </figure>
  );
}
