import { ActionIcon, Button, Group, Modal, Paper, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSignedIn } from '../auth/session.js';
import { useRecordDecision } from './incidents.api.js';
import { PersonSelect } from './PersonSelect.js';

type Option = { name: string; tradeoffs: string };
const FIELDS = ['question', 'options', 'choice', 'rationale', 'decidedBy'] as const;

/**
 * Writes down a decision the way it was framed: the question, each option with what it costs and
 * risks, the one chosen and why. Later readers (the postmortem) judge it by what was known then.
 */
export function RecordDecisionModal({ incidentRef, onClose }: { incidentRef: string; onClose: () => void }) {
  const { user: me } = useSignedIn();
  const record = useRecordDecision(incidentRef);
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState<Option[]>([
    { name: '', tradeoffs: '' },
    { name: '', tradeoffs: '' },
  ]);
  const [choice, setChoice] = useState<string | null>(null);
  const [rationale, setRationale] = useState('');
  const [decidedBy, setDecidedBy] = useState<string | null>(me.id);
  const errors = fieldErrors(record.error);
  const named = options.filter((o) => o.name.trim());
  const names = [...new Set(named.map((o) => o.name.trim()))];

  const setOption = (index: number, patch: Partial<Option>) =>
    setOptions((all) => all.map((o, i) => (i === index ? { ...o, ...patch } : o)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    record.mutate(
      {
        question,
        options: named.map((o) => ({ name: o.name.trim(), tradeoffs: o.tradeoffs.trim() })),
        choice,
        rationale,
        ...(decidedBy && { decidedBy }),
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Record a decision" size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={record.error} fields={FIELDS} />
          <TextInput
            label="Question"
            placeholder="Roll back the release or patch forward?"
            required
            data-autofocus
            value={question}
            onChange={(e) => setQuestion(e.currentTarget.value)}
            error={errors.question}
          />
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              Options considered
            </Text>
            {options.map((option, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and never reordered
              <Paper key={index} withBorder p="xs" radius="sm">
                <Group align="flex-start" gap="xs" wrap="nowrap">
                  <Stack gap={6} style={{ flex: 1 }}>
                    <TextInput
                      aria-label={`Option ${index + 1}`}
                      placeholder={index === 0 ? 'Roll back to yesterday’s release' : 'Option'}
                      size="sm"
                      value={option.name}
                      onChange={(e) => setOption(index, { name: e.currentTarget.value })}
                    />
                    <Textarea
                      aria-label={`Trade-offs of option ${index + 1}`}
                      placeholder="Trade-offs: what it costs, risks, how long it takes"
                      size="sm"
                      autosize
                      minRows={1}
                      value={option.tradeoffs}
                      onChange={(e) => setOption(index, { tradeoffs: e.currentTarget.value })}
                    />
                  </Stack>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    disabled={options.length <= 1}
                    onClick={() => setOptions((all) => all.filter((_, i) => i !== index))}
                    aria-label={`Remove option ${index + 1}`}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Paper>
            ))}
            {errors.options && (
              <Text size="xs" c="red">
                {errors.options}
              </Text>
            )}
            <Button
              variant="subtle"
              size="xs"
              w="fit-content"
              leftSection={<IconPlus size={14} />}
              disabled={options.length >= 10}
              onClick={() => setOptions((all) => [...all, { name: '', tradeoffs: '' }])}
            >
              Add option
            </Button>
          </Stack>
          <Select
            label="Chosen"
            placeholder={names.length ? 'Which option was chosen?' : 'Name the options first'}
            required
            data={names}
            value={choice && names.includes(choice) ? choice : null}
            onChange={setChoice}
            error={errors.choice}
          />
          <Textarea
            label="Rationale"
            description="Why this option, given what was known at the time"
            autosize
            minRows={2}
            value={rationale}
            onChange={(e) => setRationale(e.currentTarget.value)}
            error={errors.rationale}
          />
          <PersonSelect label="Decided by" value={decidedBy} onChange={setDecidedBy} error={errors.decidedBy} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={record.isPending}
              disabled={!question.trim() || !choice || !names.includes(choice)}
            >
              Record decision
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
