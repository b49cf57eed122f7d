import { ChartFrame, type Series } from './ChartFrame.js';
import { AXIS_TEXT, FRAME, labelEvery, niceTicks, plotHeight, plotWidth } from './scale.js';
import { YAxis } from './YAxis.js';

export type BarSeries = Series & { values: number[] };

/**
 * Bars per category, the series stacked bottom-up in the order given.
 *
 * @example
 * <StackedBarChart title="Incidents per week" categories={['Jan 5', 'Jan 12']}
 *   series={[{ key: 'sev1', label: 'Sev1', color: 'red', values: [1, 0] }]} />
 */
export function StackedBarChart({
  title,
  description,
  categories,
  series,
  format = (v) => String(v),
}: {
  title: string;
  description: string;
  categories: string[];
  series: BarSeries[];
  format?: (v: number) => string;
}) {
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const ticks = niceTicks(Math.max(1, ...totals), 4, true);
  const top = ticks[ticks.length - 1]!;
  const slot = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const every = labelEvery(categories.length);
  const y = (v: number) => (v / top) * plotHeight;

  return (
    <ChartFrame title={title} description={description} series={series}>
      <YAxis ticks={ticks} format={format} />
      {categories.map((category, i) => {
        const x = FRAME.left + i * slot + (slot - barWidth) / 2;
        let base = FRAME.top + plotHeight;
        return (
          <g key={category}>
            {series.map((s) => {
              const value = s.values[i] ?? 0;
              if (value <= 0) return null;
              const height = y(value);
              base -= height;
              return (
                <rect key={s.key} x={x} y={base} width={barWidth} height={height} fill={s.color} rx={1}>
                  <title>{`${category} · ${s.label}: ${format(value)}`}</title>
                </rect>
              );
            })}
            {i % every === 0 && (
              <text x={x + barWidth / 2} y={FRAME.height - 8} textAnchor="middle" {...AXIS_TEXT}>
                {category}
              </text>
            )}
          </g>
        );
      })}
    </ChartFrame>
  );
}
