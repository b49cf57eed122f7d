import { ChartFrame, type Series } from './ChartFrame.js';
import { AXIS_TEXT, FRAME, labelEvery, niceTicks, plotHeight, plotWidth } from './scale.js';
import { YAxis } from './YAxis.js';

export type LineSeries = Series & { values: (number | null)[]; dashed?: boolean };

/** Lines over categories; a null value (nothing measured that week) breaks the line. */
export function TrendChart({
  title,
  description,
  categories,
  series,
  format,
}: {
  title: string;
  description: string;
  categories: string[];
  series: LineSeries[];
  format: (v: number) => string;
}) {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v != null));
  const ticks = niceTicks(Math.max(1, ...values));
  const top = ticks[ticks.length - 1]!;
  const slot = plotWidth / Math.max(1, categories.length);
  const x = (i: number) => FRAME.left + i * slot + slot / 2;
  const y = (v: number) => FRAME.top + plotHeight - (v / top) * plotHeight;
  const every = labelEvery(categories.length);

  return (
    <ChartFrame title={title} description={description} series={series}>
      <YAxis ticks={ticks} format={format} />
      {series.map((s) => {
        // One path per unbroken run of values.
        const runs: string[] = [];
        let current = '';
        s.values.forEach((v, i) => {
          if (v == null) {
            if (current) runs.push(current);
            current = '';
            return;
          }
          current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
        });
        if (current) runs.push(current);
        return (
          <g key={s.key}>
            {runs.map((d) => (
              <path
                key={d}
                d={d}
                fill="none"
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? '5 4' : undefined}
              />
            ))}
            {s.values.map((v, i) =>
              v == null ? null : (
                // biome-ignore lint/suspicious/noArrayIndexKey: points are positional
                <circle key={i} cx={x(i)} cy={y(v)} r={3} fill={s.color}>
                  <title>{`${categories[i]} · ${s.label}: ${format(v)}`}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
      {categories.map((c, i) =>
        i % every === 0 ? (
          <text key={c} x={x(i)} y={FRAME.height - 8} textAnchor="middle" {...AXIS_TEXT}>
            {c}
          </text>
        ) : null,
      )}
    </ChartFrame>
  );
}
