import type { ScheduleOverride, ScheduleShift, ShiftsAnswer } from '@firebreak/shared';
import { ScrollArea, Tooltip } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { PERSON_COLORS } from './people.js';
import type { TimelineRange } from './range.js';
import classes from './ScheduleTimeline.module.css';
import { formatRange } from './zone.js';

/** A shift someone picked on the timeline, with where it came from. */
export type PickedShift = {
  shift: ScheduleShift;
  /** Row it was picked in: a layer's name, "Overrides" or "Final schedule". */
  row: string;
  override: ScheduleOverride | null;
};

type Block = { key: string; start: number; end: number; userId: string; name: string; pick: PickedShift };

/**
 * The schedule over a range as rows of bars: each layer's own shifts (highest first), the
 * overrides, and the final schedule with its gaps. Every bar is a button: hover shows who and
 * when, a click hands the shift to `onPick`.
 */
export function ScheduleTimeline({
  answer,
  range,
  zone,
  now,
  onPick,
}: {
  answer: ShiftsAnswer;
  range: TimelineRange;
  zone: string;
  now: number;
  onPick: (picked: PickedShift) => void;
}) {
  const span = range.to - range.from;
  const x = (t: number) => ((Math.min(Math.max(t, range.from), range.to) - range.from) / span) * 100;
  const place = (start: number, end: number): CSSProperties => ({
    left: `${x(start)}%`,
    width: `max(${x(end) - x(start)}%, 3px)`,
  });

  const shiftBlocks = (row: string, shifts: ScheduleShift[]): Block[] =>
    shifts.map((shift) => ({
      key: `${shift.start}-${shift.user.id}`,
      start: Date.parse(shift.start),
      end: Date.parse(shift.end),
      userId: shift.user.id,
      name: shift.user.name,
      pick: {
        shift,
        row,
        override: answer.overrides?.find((o) => o.id === shift.overrideId) ?? null,
      },
    }));

  const overrideBlocks: Block[] = (answer.overrides ?? []).map((o) => ({
    key: o.id,
    start: Date.parse(o.start),
    end: Date.parse(o.end),
    userId: o.user.id,
    name: o.replacedUser ? `${o.user.name} for ${o.replacedUser.name}` : o.user.name,
    pick: {
      shift: { start: o.start, end: o.end, user: o.user, layerId: null, overrideId: o.id },
      row: 'Overrides',
      override: o,
    },
  }));

  const finalBlocks = shiftBlocks('Final schedule', answer.final);
  // Colours by place in the sorted list of everyone shown: distinct in one view, stable across views.
  const everyone = [
    ...new Set([
      ...(answer.layers ?? []).flatMap((l) => l.shifts.map((s) => s.user.id)),
      ...(answer.overrides ?? []).map((o) => o.user.id),
      ...answer.final.map((s) => s.user.id),
    ]),
  ].sort();
  const colorOf = (userId: string) => PERSON_COLORS[everyone.indexOf(userId) % PERSON_COLORS.length] ?? 'blue';
  const gaps = uncovered(finalBlocks, range.from, range.to);

  const renderBlocks = (blocks: Block[]) =>
    blocks.map((b) => {
      const when = formatRange(b.start, b.end, zone);
      const color = colorOf(b.userId);
      return (
        <Tooltip key={b.key} label={`${b.name} · ${when}`} withArrow openDelay={150}>
          <button
            type="button"
            className={classes.block}
            style={
              {
                ...place(b.start, b.end),
                '--block-light': `var(--mantine-color-${color}-light)`,
                '--block-strong': `var(--mantine-color-${color}-filled)`,
              } as CSSProperties
            }
            aria-label={`${b.name}, ${when}`}
            onClick={() => onPick(b.pick)}
          >
            {b.name}
          </button>
        </Tooltip>
      );
    });

  const row = (label: string, content: ReactNode, extra = '') => (
    <fieldset className={`${classes.row} ${extra}`} aria-label={label} key={label}>
      <div className={classes.label} title={label}>
        {label}
      </div>
      <div className={classes.track}>{content}</div>
    </fieldset>
  );

  return (
    <ScrollArea type="auto" offsetScrollbars>
      <div className={classes.timeline}>
        <div className={classes.row} aria-hidden>
          <div className={classes.label} />
          <div className={`${classes.track} ${classes.ticks}`}>
            {range.ticks.map((t) => (
              <span key={t.at} className={classes.tick} style={{ left: `${x(t.at)}%` }}>
                {t.label}
              </span>
            ))}
          </div>
        </div>
        {(answer.layers ?? []).map((layer) => {
          const label = layer.name || `Layer ${layer.position + 1}`;
          return row(
            label,
            layer.shifts.length > 0 ? (
              renderBlocks(shiftBlocks(label, layer.shifts))
            ) : (
              <span className={classes.empty}>Nobody in this range</span>
            ),
          );
        })}
        {row(
          'Overrides',
          overrideBlocks.length > 0 ? renderBlocks(overrideBlocks) : <span className={classes.empty}>None</span>,
        )}
        {row(
          'Final schedule',
          <>
            {renderBlocks(finalBlocks)}
            {gaps.map((g) => (
              <Tooltip key={g.start} label={`Nobody on call · ${formatRange(g.start, g.end, zone)}`} withArrow>
                <span className={classes.gap} style={place(g.start, g.end)}>
                  Nobody
                </span>
              </Tooltip>
            ))}
          </>,
          classes.final,
        )}
        <div className={classes.grid} aria-hidden>
          {range.ticks.map((t) => (
            <span
              key={t.at}
              className={`${classes.line} ${t.major ? classes.major : ''}`}
              style={{ left: `${x(t.at)}%` }}
            />
          ))}
          {now > range.from && now < range.to && <span className={classes.now} style={{ left: `${x(now)}%` }} />}
        </div>
      </div>
    </ScrollArea>
  );
}

/** The parts of [from, to) no block covers. */
function uncovered(blocks: Block[], from: number, to: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let cursor = from;
  for (const b of [...blocks].sort((a, c) => a.start - c.start)) {
    if (b.start > cursor) out.push({ start: cursor, end: Math.min(b.start, to) });
    cursor = Math.max(cursor, b.end);
  }
  if (cursor < to) out.push({ start: cursor, end: to });
  return out;
}
