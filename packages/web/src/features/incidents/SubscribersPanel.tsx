import type { IncidentDetail } from '@firebreak/shared';
import { ActionIcon, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconBell, IconBellOff, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { useSubscribe, useSubscribers, useUnsubscribe } from './incidents.api.js';
import { PersonSelect } from './PersonSelect.js';

/** People who receive stakeholder updates without working the incident: managers, support, sales. */
export function SubscribersPanel({ incident }: { incident: IncidentDetail }) {
  const { user: me } = useSignedIn();
  const subscribers = useSubscribers(incident.number);
  const subscribe = useSubscribe(incident.number);
  const unsubscribe = useUnsubscribe(incident.number);
  const [adding, setAdding] = useState<string | null>(null);
  const people = subscribers.data ?? [];
  const error = subscribe.error ?? unsubscribe.error;

  return (
    <Section
      title="Subscribers"
      description="They receive every stakeholder update."
      action={
        incident.subscribed ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconBellOff size={14} />}
            loading={unsubscribe.isPending}
            onClick={() => unsubscribe.mutate(me.id)}
          >
            Unsubscribe
          </Button>
        ) : (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconBell size={14} />}
            loading={subscribe.isPending && !adding}
            onClick={() => subscribe.mutate(undefined)}
          >
            Subscribe me
          </Button>
        )
      }
    >
      <ProblemAlert error={error} />
      {people.length === 0 ? (
        <Text size="sm" c="dimmed">
          {subscribers.isPending ? 'Loading…' : 'Nobody yet.'}
        </Text>
      ) : (
        <Stack gap={4} aria-label="Subscribers">
          {people.map((s) => (
            <Group key={s.person.id} gap={4} wrap="nowrap" justify="space-between">
              <Text size="sm" truncate>
                {s.person.name}
                {s.person.id === me.id && ' (you)'}
              </Text>
              {s.person.id !== me.id && (
                <Tooltip label="Remove">
                  <ActionIcon
                    size="xs"
                    variant="subtle"
                    color="gray"
                    onClick={() => unsubscribe.mutate(s.person.id)}
                    aria-label={`Unsubscribe ${s.person.name}`}
                  >
                    <IconX size={12} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          ))}
        </Stack>
      )}
      <PersonSelect
        aria-label="Add a subscriber"
        placeholder="Add a person…"
        size="xs"
        exclude={people.map((s) => s.person.id)}
        value={adding}
        onChange={(userId) => {
          if (!userId) return;
          setAdding(userId);
          subscribe.mutate(userId, { onSettled: () => setAdding(null) });
        }}
      />
    </Section>
  );
}
