import type { CadenceFigures, IncidentFigures, OncallLoadFigures, ResponseFigures } from '@firebreak/shared';
import { csvUrl, type FigureFilters } from './analytics.api.js';
import { ChartCard } from './ChartCard.js';
import { HourHeatMap } from './charts/HourHeatMap.js';
import { StackedBarChart } from './charts/StackedBarChart.js';
import { TrendChart } from './charts/TrendChart.js';
import { duration, percent, severityFill, weekLabel } from './presentation.js';

// The four charts of the Analytics page, each with the table of its numbers and a CSV download.

const HEAT_MAP_PEOPLE = 15;
/** Axis labels of a trend measured in minutes. */
const minutesLabel = (m: number) => (m >= 120 ? `${Math.round(m / 60)} h` : `${Math.round(m)} min`);
const inMinutes = (ms: number | null) => (ms == null ? null : ms / 60_000);

export function WeeklyIncidentsChart({ figures, filters }: { figures: IncidentFigures; filters: FigureFilters }) {
  const severities = figures.bySeverity;
  return (
    <ChartCard
      title="Incidents per week by severity"
      description={`${figures.count} incidents declared; ${percent(figures.customerReportedShare)} reported by customers.`}
      chart={
        <StackedBarChart
          title="Incidents per week by severity"
          description={`Stacked bars of ${figures.weeks.length} weeks; ${figures.count} incidents in all. The table beside lists every number.`}
          categories={figures.weeks.map((w) => weekLabel(w.weekStart))}
          series={severities.map((s, i) => ({
            key: s.severity,
            label: s.name,
            color: severityFill(s.rank),
            values: figures.weeks.map((w) => w.bySeverity[i]?.count ?? 0),
          }))}
        />
      }
      table={{
        caption: 'Incidents declared per week, newest first (weeks start on Monday)',
        header: ['Week of', ...severities.map((s) => s.name), 'Total'],
        rows: figures.weeks
          .map((w) => [weekLabel(w.weekStart), ...w.bySeverity.map((s) => s.count), w.total])
          .reverse(),
      }}
      csvHref={csvUrl('incidents', filters)}
    />
  );
}

export function ResponseTrendChart({ figures, filters }: { figures: ResponseFigures; filters: FigureFilters }) {
  const { acknowledge: a, resolve: r } = figures;
  return (
    <ChartCard
      title="MTTA and MTTR trend"
      description={`Median time to acknowledge ${duration(a.p50Ms)} (p90 ${duration(a.p90Ms)}); to resolve ${duration(r.p50Ms)} (p90 ${duration(r.p90Ms)}). Mitigation p50 ${duration(figures.mitigate.p50Ms)}; a page is acknowledged in ${duration(figures.pageAcknowledge.p50Ms)} (p50).`}
      chart={
        <TrendChart
          title="Weekly MTTA and MTTR"
          description="Median and 90th percentile of time to acknowledge and to resolve, per week of declaration."
          categories={figures.weeks.map((w) => weekLabel(w.weekStart))}
          format={minutesLabel}
          series={[
            {
              key: 'mttr90',
              label: 'MTTR p90',
              color: 'var(--mantine-color-red-4)',
              dashed: true,
              values: figures.weeks.map((w) => inMinutes(w.mttrP90Ms)),
            },
            {
              key: 'mttr50',
              label: 'MTTR p50',
              color: 'var(--mantine-color-red-7)',
              values: figures.weeks.map((w) => inMinutes(w.mttrP50Ms)),
            },
            {
              key: 'mtta50',
              label: 'MTTA p50',
              color: 'var(--mantine-color-blue-6)',
              values: figures.weeks.map((w) => inMinutes(w.mttaP50Ms)),
            },
          ]}
        />
      }
      table={{
        caption: 'Per week of declaration, newest first: detected → acknowledged (MTTA) and → resolved (MTTR)',
        header: ['Week of', 'Incidents', 'MTTA p50', 'MTTA p90', 'MTTR p50', 'MTTR p90'],
        rows: figures.weeks
          .map((w) => [
            weekLabel(w.weekStart),
            w.incidents,
            duration(w.mttaP50Ms),
            duration(w.mttaP90Ms),
            duration(w.mttrP50Ms),
            duration(w.mttrP90Ms),
          ])
          .reverse(),
      }}
      csvHref={csvUrl('response', filters)}
    />
  );
}

export function OncallLoadChart({ figures, filters }: { figures: OncallLoadFigures; filters: FigureFilters }) {
  const people = figures.people.slice(0, HEAT_MAP_PEOPLE);
  return (
    <ChartCard
      title="On-call load by hour of day"
      description={`${figures.pages} page notifications; ${figures.outsideWorkingHours} outside working hours, ${figures.sleepHours} in sleep hours (22:00–07:00 in each person’s zone).${figures.people.length > HEAT_MAP_PEOPLE ? ` The ${HEAT_MAP_PEOPLE} busiest people are shown; the CSV has everyone.` : ''}`}
      chart={
        <HourHeatMap
          title="Pages per person by local hour of day"
          description="A grid of people by hour of day in their own time zone; darker cells mean more pages. Hours 22 to 6 are sleep hours."
          rows={people.map((p) => ({ key: p.user.id, label: p.user.name, hours: p.hours }))}
        />
      }
      table={{
        caption: 'Pages per person',
        header: ['Person', 'Pages', 'Outside hours', 'Sleep hours', 'Ack p50'],
        rows: figures.people.map((p) => [
          p.user.name,
          p.pages,
          p.outsideWorkingHours,
          p.sleepHours,
          duration(p.acknowledgeP50Ms),
        ]),
      }}
      csvHref={csvUrl('oncall-load', filters)}
    />
  );
}

export function CadenceChart({ figures, filters }: { figures: CadenceFigures; filters: FigureFilters }) {
  const rows = figures.bySeverity.filter((s) => s.cadenceMinutes != null);
  return (
    <ChartCard
      title="Status-update cadence"
      description={`${percent(figures.stakeholders.adherence)} of stakeholder updates and ${percent(figures.public.adherence)} of public updates were posted on time.`}
      chart={
        <StackedBarChart
          title="Status updates on time and late, by severity"
          description="For each severity with a cadence, stakeholder updates posted on time and late, stacked."
          categories={rows.map((s) => s.name)}
          series={[
            {
              key: 'on-time',
              label: 'On time',
              color: 'var(--mantine-color-teal-6)',
              values: rows.map((s) => s.stakeholders.onTime),
            },
            {
              key: 'late',
              label: 'Late',
              color: 'var(--mantine-color-red-6)',
              values: rows.map((s) => s.stakeholders.late),
            },
          ]}
        />
      }
      table={{
        caption: 'Stakeholder (and public) updates posted on time, and the longest silence',
        header: ['Severity', 'Every', 'Stakeholders', 'Public', 'Longest silence'],
        rows: rows.map((s) => [
          s.name,
          duration((s.cadenceMinutes ?? 0) * 60_000),
          `${s.stakeholders.onTime}/${s.stakeholders.posted} (${percent(s.stakeholders.adherence)})`,
          s.public.incidents ? `${s.public.onTime}/${s.public.posted} (${percent(s.public.adherence)})` : '—',
          duration(s.stakeholders.longestSilenceMs),
        ]),
      }}
      csvHref={csvUrl('cadence', filters)}
    />
  );
}
