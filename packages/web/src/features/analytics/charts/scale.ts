// Axis arithmetic shared by the charts: a "nice" top value and evenly spaced ticks.

/** The smallest 1-2-5 × 10ⁿ step that splits `max` into at most `count` intervals (whole steps for counts). */
export function niceTicks(max: number, count = 4, integer = false): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = Math.max(max / count, integer ? 1 : 0);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}

/** Plot area inside a fixed viewBox; the SVG scales to its container's width. */
export const FRAME = { width: 640, height: 240, left: 48, right: 12, top: 12, bottom: 28 };
export const plotWidth = FRAME.width - FRAME.left - FRAME.right;
export const plotHeight = FRAME.height - FRAME.top - FRAME.bottom;

/** Shows every nth label so they never overlap. */
export const labelEvery = (count: number, room = 12): number => Math.max(1, Math.ceil(count / room));

export const AXIS_TEXT = { fontSize: 11, fill: 'var(--mantine-color-dimmed)' } as const;
export const GRID_STROKE = 'var(--mantine-color-default-border)';
