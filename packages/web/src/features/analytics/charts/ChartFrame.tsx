import { Group, Text } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { FRAME } from './scale.js';

export type Series = { key: string; label: string; color: string };

/**
 * An SVG chart: an image with a title and a one-sentence description for screen readers (the data
 * table beside it carries every number), and a legend of its series.
 */
export function ChartFrame({
  title,
  description,
  series,
  children,
}: {
  title: string;
  description: string;
  series: Series[];
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        style={{ display: 'block', maxHeight: 280 }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {children}
      </svg>
      {series.length > 1 && (
        <Group gap="md" justify="center" mt={4} aria-hidden="true">
          {series.map((s) => (
            <Group key={s.key} gap={6} wrap="nowrap">
              <span style={{ width: 10, height: 10, borderRadius: 2, background: s.color, display: 'inline-block' }} />
              <Text size="xs" c="dimmed">
                {s.label}
              </Text>
            </Group>
          ))}
        </Group>
      )}
    </figure>
  );
}
