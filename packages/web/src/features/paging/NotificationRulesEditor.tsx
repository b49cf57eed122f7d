import type { NotificationRule, NotificationRules, PageUrgency } from '@firebreak/shared';
import { ActionIcon, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useContactMethods } from '../directory/directory.api.js';
import { CHANNEL_LABEL } from './PageBadges.js';
import { useNotificationRules, useSetNotificationRules } from './paging.api.js';

type Draft = Record<PageUrgency, NotificationRule[]>;

const URGENCY_TEXT: Record<PageUrgency, { title: string; help: string }> = {
  high: {
    title: 'High urgency',
    help: 'Any hour. Add later steps (a call after 5 minutes) in case you miss the first.',
  },
  low: {
    title: 'Low urgency',
    help: 'Counted from the start of your working hours. Reminders and handoffs use these too.',
  },
};

/** Per urgency, an ordered list of (contact method, minutes after I am paged). */
export function NotificationRulesEditor({ userId }: { userId: string }) {
  const rules = useNotificationRules();
  const methods = useContactMethods(userId);
  const save = useSetNotificationRules();
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (rules.data) setDraft({ high: rules.data.high, low: rules.data.low });
  }, [rules.data]);

  const options = methods.items.map((m) => ({ value: m.id, label: `${CHANNEL_LABEL[m.kind] ?? m.kind} · ${m.label}` }));
  const change = (urgency: PageUrgency, list: NotificationRule[]) => setDraft((d) => d && { ...d, [urgency]: list });

  return (
    <Section
      title="Notification rules"
      description="How Firebreak reaches you when you are paged, step by step. An empty list means every contact method at once. The app always shows pages at once."
      action={
        <Button onClick={() => draft && save.mutate(draft)} loading={save.isPending} disabled={!draft}>
          Save rules
        </Button>
      }
    >
      {rules.isPending || methods.isPending || !draft ? (
        rules.isError ? (
          <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
        ) : (
          <PageLoader />
        )
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {(['high', 'low'] as const).map((urgency) => (
            <RuleList
              key={urgency}
              urgency={urgency}
              rules={draft[urgency]}
              options={options}
              current={rules.data as NotificationRules}
              onChange={(list) => change(urgency, list)}
            />
          ))}
        </SimpleGrid>
      )}
      <ProblemAlert error={save.error} />
    </Section>
  );
}

function RuleList({
  urgency,
  rules,
  options,
  current,
  onChange,
}: {
  urgency: PageUrgency;
  rules: NotificationRule[];
  options: { value: string; label: string }[];
  current: NotificationRules;
  onChange: (rules: NotificationRule[]) => void;
}) {
  const text = URGENCY_TEXT[urgency];
  const set = (i: number, rule: Partial<NotificationRule>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...rule } : r)));
  return (
    <Stack gap="xs" role="group" aria-label={`${text.title} rules`}>
      <Title order={3} size="h5">
        {text.title}
      </Title>
      <Text size="xs" c="dimmed">
        {text.help}
      </Text>
      {rules.length === 0 && (
        <Text size="sm" c="dimmed">
          {current.isDefault[urgency] ? 'Default: ' : ''}every contact method at once.
        </Text>
      )}
      {rules.map((rule, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; order is the identity
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
          <Select
            label={i === 0 ? 'Contact method' : undefined}
            aria-label={`${text.title} step ${i + 1} method`}
            data={options}
            value={rule.contactMethodId}
            onChange={(v) => v && set(i, { contactMethodId: v })}
            allowDeselect={false}
            style={{ flex: 1 }}
          />
          <NumberInput
            label={i === 0 ? 'After (minutes)' : undefined}
            aria-label={`${text.title} step ${i + 1} minutes`}
            min={0}
            max={1440}
            w={130}
            value={rule.delayMinutes}
            onChange={(v) => set(i, { delayMinutes: typeof v === 'number' ? v : Number(v) || 0 })}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={`Remove ${text.title.toLowerCase()} step ${i + 1}`}
            onClick={() => onChange(rules.filter((_, j) => j !== i))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="xs"
        w="fit-content"
        leftSection={<IconPlus size={14} />}
        disabled={options.length === 0}
        onClick={() =>
          onChange([
            ...rules,
            {
              contactMethodId: options[0]!.value,
              delayMinutes: rules.length === 0 ? 0 : (rules.at(-1)?.delayMinutes ?? 0) + 5,
            },
          ])
        }
      >
        Add a step
      </Button>
    </Stack>
  );
}
