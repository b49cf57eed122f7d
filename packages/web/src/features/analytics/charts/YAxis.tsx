import { AXIS_TEXT, FRAME, GRID_STROKE, plotHeight, plotWidth } from './scale.js';

/** Horizontal grid lines with their values at the left. */
export function YAxis({ ticks, format }: { ticks: number[]; format: (v: number) => string }) {
  const top = ticks[ticks.length - 1]!;
  return (
    <g>
      {ticks.map((tick) => {
        const y = FRAME.top + plotHeight - (tick / top) * plotHeight;
        return (
          <g key={tick}>
            <line x1={FRAME.left} x2={FRAME.left + plotWidth} y1={y} y2={y} stroke={GRID_STROKE} />
            <text x={FRAME.left - 6} y={y + 4} textAnchor="end" {...AXIS_TEXT}>
              {format(tick)}
            </text>
          </g>
        );
      })}
    </g>
  );
}
