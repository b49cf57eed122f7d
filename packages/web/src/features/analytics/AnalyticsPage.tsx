import { Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { CadenceChart, OncallLoadChart, ResponseTrendChart, WeeklyIncidentsChart } from './AnalyticsCharts.js';
import { AnalyticsFilters, readFilters, toQuery, writeFilters } from './AnalyticsFilters.js';
import { csvUrl, useFigures } from './analytics.api.js';
import { KeyFiguresGrid } from './KeyFiguresGrid.js';
import { PostmortemFiguresCard } from './PostmortemFiguresCard.js';

export default function AnalyticsPage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const query = toQuery(filters);
  const summary = useFigures('summary', query);
  const incidents = useFigures('incidents', query);
  const response = useFigures('response', query);
  const load = useFigures('oncall-load', query);
  const cadence = useFigures('cadence', query);
  const postmortems = useFigures('postmortems', query);
  const failed = [summary, incidents, response, load, cadence, postmortems].find((q) => q.isError);

  return (
    <Stack gap="md" maw={1400}>
      <Stack gap={2}>
        <Title order={1} size="h2">
          Analytics
        </Title>
        <Text size="sm" c="dimmed">
          How incidents went and what they cost the people on call. Private incidents count only if you may see them.
        </Text>
      </Stack>
      <AnalyticsFilters value={filters} onChange={(next) => setParams(writeFilters(next), { replace: true })} />
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => failed.refetch()} />
      ) : (
        <>
          {summary.data ? (
            <KeyFiguresGrid
              current={summary.data.current}
              previous={summary.data.previous}
              previousLabel="in the period before"
            />
          ) : (
            <PageLoader />
          )}
          {incidents.data && <WeeklyIncidentsChart figures={incidents.data} filters={query} />}
          {response.data && <ResponseTrendChart figures={response.data} filters={query} />}
          {load.data && <OncallLoadChart figures={load.data} filters={query} />}
          {cadence.data && <CadenceChart figures={cadence.data} filters={query} />}
          {postmortems.data && (
            <PostmortemFiguresCard figures={postmortems.data} csvHref={csvUrl('postmortems', query)} />
          )}
        </>
      )}
    </Stack>
  );
}
