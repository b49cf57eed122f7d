import type { AffectedComponent, PublicIncident, PublicUpdateInput } from '@firebreak/shared';
import { Button, Grid, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { AffectedComponentsEditor } from './AffectedComponentsEditor.js';
import { PlainLanguageHint } from './PlainLanguageHint.js';
import { INCIDENT_STATUS_OPTIONS } from './presentation.js';
import { keys, previewUpdate, usePostUpdate } from './statuspage.api.js';

/** A public update, previewed by the server as the page and the email will show it while it is typed. */
export function UpdateComposer({ incident }: { incident: PublicIncident }) {
  const post = usePostUpdate(incident.id);
  const [body, setBody] = useState('');
  const [status, setStatus] = useState(incident.status === 'resolved' ? 'monitoring' : incident.status);
  const [components, setComponents] = useState<AffectedComponent[]>(incident.components);
  const input: PublicUpdateInput = { body, status: status as 'investigating', components };
  const [debounced] = useDebouncedValue(input, 400);
  const preview = useQuery({
    queryKey: [...keys.incident(incident.id), 'preview', debounced],
    queryFn: () => previewUpdate(incident.id, debounced),
    enabled: debounced.body.trim().length > 0,
  });

  return (
    <Section title="Post a public update" description="Also recorded on the incident's timeline as a public update.">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <ProblemAlert error={post.error} />
            <Textarea
              label="Update"
              required
              autosize
              minRows={3}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
            <Select
              label="Status"
              data={INCIDENT_STATUS_OPTIONS}
              value={status}
              onChange={(v) => v && setStatus(v)}
              allowDeselect={false}
            />
            <AffectedComponentsEditor value={components} onChange={setComponents} />
            <Group justify="flex-end">
              <Button
                loading={post.isPending}
                disabled={!body.trim()}
                onClick={() => post.mutate(input, { onSuccess: () => setBody('') })}
              >
                Post update
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack data-testid="update-preview">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Preview: what subscribers will read
            </Text>
            {preview.data ? (
              <>
                {/* The server's own text rendering, as subscribers will read it; never injected as HTML. */}
                <Paper withBorder p="sm" radius="md">
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {preview.data.text}
                  </Text>
                </Paper>
                {preview.data.componentChanges.map((c) => (
                  <Text key={c.componentId} size="sm">
                    {c.name}: {c.oldStatus.replaceAll('_', ' ')} → {c.newStatus.replaceAll('_', ' ')}
                  </Text>
                ))}
                <Text size="sm" c="dimmed">
                  Reaches {preview.data.subscribers} subscriber{preview.data.subscribers === 1 ? '' : 's'}.
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                Start typing to see how it will look.
              </Text>
            )}
            <ProblemAlert error={preview.error} />
            <PlainLanguageHint text={body} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Section>
  );
}
