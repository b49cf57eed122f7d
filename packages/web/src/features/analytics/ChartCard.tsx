import { Button, Grid, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export type DataTable = { caption: string; header: string[]; rows: (string | number)[][] };

/** A chart with its data table beside it (below on narrow screens) and a CSV download of the same rows. */
export function ChartCard({
  title,
  description,
  chart,
  table,
  csvHref,
}: {
  title: string;
  description?: ReactNode;
  chart: ReactNode;
  table: DataTable;
  csvHref: string;
}) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={title}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        <Grid gap="lg" align="flex-start">
          <Grid.Col span={{ base: 12, lg: 7 }}>{chart}</Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="xs">
              <ScrollArea.Autosize mah={300} type="auto">
                <Table striped withTableBorder fz="xs" verticalSpacing={4} stickyHeader>
                  <Table.Caption>{table.caption}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      {table.header.map((h) => (
                        <Table.Th key={h}>{h}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {table.rows.map((row) => (
                      <Table.Tr key={String(row[0])}>
                        {row.map((value, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                          <Table.Td key={i}>{value}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
              <Button
                component="a"
                href={csvHref}
                download
                variant="default"
                size="xs"
                w="fit-content"
                leftSection={<IconDownload size={14} />}
                aria-label={`Download ${title} as CSV`}
              >
                CSV
              </Button>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </Paper>
  );
}
