import { type IncidentDetail, roleAtLeast } from '@firebreak/shared';
import { Badge, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { RecordDecisionModal } from './RecordDecisionModal.js';

/** Decisions taken during the incident, newest first, each with the options that were weighed. */
export function DecisionLog({ incident }: { incident: IncidentDetail }) {
  const { user: me } = useSignedIn();
  const [recording, setRecording] = useState(false);
  const decisions = [...incident.decisions].sort((a, b) => Date.parse(b.decidedAt) - Date.parse(a.decidedAt));

  return (
    <Section
      title="Decisions"
      description="Trade-offs made under pressure, for the postmortem."
      action={
        roleAtLeast(me.role, 'responder') && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setRecording(true)}>
            Record decision
          </Button>
        )
      }
    >
      {decisions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No decisions recorded yet.
        </Text>
      ) : (
        <Stack gap="sm" aria-label="Decision log">
          {decisions.map((decision) => (
            <Paper key={decision.id} withBorder p="sm" radius="sm" component="article" aria-label={decision.question}>
              <Stack gap={6}>
                <Text size="sm" fw={600}>
                  {decision.question}
                </Text>
                <List size="sm" spacing={4}>
                  {decision.options.map((option) => {
                    const chosen = option.name === decision.choice;
                    return (
                      <List.Item key={option.name}>
                        <Group gap={6} wrap="nowrap" align="baseline">
                          <Text size="sm" fw={chosen ? 600 : undefined} c={chosen ? undefined : 'dimmed'}>
                            {option.name}
                          </Text>
                          {chosen && (
                            <Badge size="xs" color="green" variant="light">
                              Chosen
                            </Badge>
                          )}
                        </Group>
                        {option.tradeoffs && (
                          <Text size="xs" c="dimmed">
                            {option.tradeoffs}
                          </Text>
                        )}
                      </List.Item>
                    );
                  })}
                </List>
                {decision.rationale && (
                  <Text size="sm">
                    <Text span fw={500}>
                      Why:
                    </Text>{' '}
                    {decision.rationale}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {decision.decidedBy.name} · {formatDateTime(decision.decidedAt)}
                  {decision.recordedBy.id !== decision.decidedBy.id && ` · recorded by ${decision.recordedBy.name}`}
                </Text>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
      {recording && <RecordDecisionModal incidentRef={incident.number} onClose={() => setRecording(false)} />}
    </Section>
  );
}
