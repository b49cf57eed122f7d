import { ApiError, type PostmortemDetail, type WhyChain } from '@firebreak/shared';
import { ActionIcon, Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconArrowDown, IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useKeptState } from './kept-state.js';
import { useAddWhyChain, useDeleteWhyChain, useUpdateWhyChain } from './postmortems.api.js';

type Step = { why: string; because: string };
type ChainDraft = { problem: string; steps: Step[] };

/** What a 409 `why_chain_conflict` carries: both chains. */
type ChainConflict = { current: ChainDraft & { version: number } };

/** "Why <the answer before>?": the question the method asks next, ready to be reworded. */
export function nextWhy(answer: string): string {
  const core = answer.trim().replace(/[.!?]+$/, '');
  if (!core) return 'Why?';
  return `Why ${core.charAt(0).toLowerCase()}${core.slice(1)}?`;
}

const blankChain = (): ChainDraft => ({ problem: '', steps: [{ why: '', because: '' }] });

/**
 * Five whys: chains from the immediate problem down to a systemic cause, several per postmortem
 * (one for the failure, one for why detection was slow…). The last answer is the systemic cause.
 */
export function FiveWhysEditor({ pm, editable }: { pm: PostmortemDetail; editable: boolean }) {
  // Chains being written that the server has not seen yet, keyed for React only.
  const [fresh, setFresh] = useKeptState<number[]>(`chains:${pm.id}:new`, () => []);
  const [nextKey, setNextKey] = useKeptState(`chains:${pm.id}:next`, () => 1);

  return (
    <Stack gap="sm">
      {pm.fiveWhys.length === 0 && fresh.length === 0 && (
        <Text size="sm" c="dimmed">
          No chains yet.
        </Text>
      )}
      {pm.fiveWhys.map((chain, i) => (
        <ChainEditor key={chain.id} pmRef={pm.id} chain={chain} index={i + 1} editable={editable} />
      ))}
      {fresh.map((key, i) => (
        <ChainEditor
          key={`new-${key}`}
          freshKey={key}
          pmRef={pm.id}
          index={pm.fiveWhys.length + i + 1}
          editable={editable}
          onDone={() => setFresh((f) => f.filter((k) => k !== key))}
        />
      ))}
      {editable && (
        <Button
          variant="default"
          size="xs"
          w="fit-content"
          leftSection={<IconPlus size={14} />}
          onClick={() => {
            setFresh((f) => [...f, nextKey]);
            setNextKey((k) => k + 1);
          }}
        >
          Add a why chain
        </Button>
      )}
    </Stack>
  );
}

/** One chain: a saved one (`chain`) or a new one (`onDone` once it is saved or dropped). */
function ChainEditor({
  pmRef,
  chain,
  freshKey,
  index,
  editable,
  onDone,
}: {
  pmRef: string;
  chain?: WhyChain;
  freshKey?: number;
  index: number;
  editable: boolean;
  onDone?: () => void;
}) {
  const add = useAddWhyChain(pmRef);
  const update = useUpdateWhyChain(pmRef);
  const remove = useDeleteWhyChain(pmRef);
  const fromServer = (): ChainDraft => (chain ? { problem: chain.problem, steps: chain.steps } : blankChain());
  const keep = `chain:${pmRef}:${chain?.id ?? `new-${freshKey}`}`;
  const [draft, setDraft] = useKeptState<ChainDraft>(keep, fromServer);
  // The chain as it was when this person started: what "unsaved" is measured against.
  const [base, setBase] = useKeptState(`${keep}:base`, () => ({ draft, version: chain?.version ?? 0 }));
  const [conflict, setConflict] = useState<ChainConflict | null>(null);
  const unsaved = !chain || JSON.stringify(draft) !== JSON.stringify(base.draft);

  // A newer version from someone else replaces the chain only when nothing here is unsaved.
  if (chain && !unsaved && base.version < chain.version) {
    const latest = fromServer();
    setDraft(latest);
    setBase({ draft: latest, version: chain.version });
  }

  const setStep = (i: number, patch: Partial<Step>) =>
    setDraft({ ...draft, steps: draft.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const addStep = () => {
    const last = draft.steps.at(-1);
    const why = nextWhy(last?.because ?? draft.problem);
    setDraft({ ...draft, steps: [...draft.steps, { why, because: '' }] });
  };

  const save = (version = base.version) => {
    if (!chain) {
      add.mutate(draft, { onSuccess: () => onDone?.() });
      return;
    }
    update.mutate(
      { id: chain.id, version, ...draft },
      {
        onSuccess: () => {
          setConflict(null);
          setBase({ draft, version: version + 1 });
        },
        onError: (error) => {
          if (error instanceof ApiError && error.problem.code === 'why_chain_conflict') {
            setConflict(error.problem as unknown as ChainConflict);
          }
        },
      },
    );
  };
  const mutation = chain ? update : add;
  const systemic = draft.steps.at(-1)?.because.trim();

  if (!editable && chain) return <ChainView chain={chain} index={index} />;

  return (
    <Paper withBorder radius="md" p="md" aria-label={`Why chain ${index}`} component="section">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            Chain {index}
          </Text>
          {chain ? (
            <ConfirmButton
              title="Remove this chain?"
              message="Its whys are removed from the postmortem."
              aria-label={`Remove chain ${index}`}
              onConfirm={() => remove.mutateAsync(chain.id)}
              pending={remove.isPending}
              error={remove.error}
            >
              Remove chain
            </ConfirmButton>
          ) : (
            <Button size="xs" variant="subtle" color="gray" onClick={onDone}>
              Discard
            </Button>
          )}
        </Group>
        <TextInput
          label="Problem"
          description="The immediate problem, e.g. “Checkout failed for 25 minutes”"
          value={draft.problem}
          onChange={(e) => setDraft({ ...draft, problem: e.currentTarget.value })}
        />
        {draft.steps.map((step, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a step is its place in the chain
          <Paper key={i} withBorder radius="sm" p="xs" bg="var(--mantine-color-default-hover)">
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <Stack gap={4} style={{ flex: 1 }}>
                <TextInput
                  size="xs"
                  label={`Why ${i + 1}`}
                  placeholder={i === 0 ? nextWhy(draft.problem) : nextWhy(draft.steps[i - 1]!.because)}
                  value={step.why}
                  onChange={(e) => setStep(i, { why: e.currentTarget.value })}
                />
                <Textarea
                  size="xs"
                  label={`Because ${i + 1}`}
                  autosize
                  minRows={1}
                  value={step.because}
                  onChange={(e) => setStep(i, { because: e.currentTarget.value })}
                />
              </Stack>
              {draft.steps.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Remove why ${i + 1}`}
                  onClick={() => setDraft({ ...draft, steps: draft.steps.filter((_, j) => j !== i) })}
                  mt={22}
                >
                  <IconX size={14} />
                </ActionIcon>
              )}
            </Group>
          </Paper>
        ))}
        <Group justify="space-between" wrap="wrap">
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconArrowDown size={14} />}
            onClick={addStep}
            disabled={draft.steps.length >= 10}
          >
            Add why
          </Button>
          <Button size="xs" disabled={!unsaved} loading={mutation.isPending} onClick={() => save()}>
            Save chain
          </Button>
        </Group>
        {systemic && <SystemicCause cause={systemic} />}
        {conflict && chain ? (
          <Alert color="orange" title="Someone saved this chain while you were editing" role="alert">
            <Stack gap="xs">
              <Text size="sm">Their version:</Text>
              <ChainSteps chain={conflict.current} />
              <Group gap="xs">
                <Button size="xs" onClick={() => save(conflict.current.version)}>
                  Save mine over theirs
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    const theirs = { problem: conflict.current.problem, steps: conflict.current.steps };
                    setDraft(theirs);
                    setBase({ draft: theirs, version: conflict.current.version });
                    setConflict(null);
                  }}
                >
                  Take theirs
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <ProblemAlert error={mutation.error} />
        )}
      </Stack>
    </Paper>
  );
}

function ChainSteps({ chain }: { chain: ChainDraft }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {chain.problem}
      </Text>
      {chain.steps.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a step is its place in the chain
        <Text key={i} size="sm" pl={(i + 1) * 12}>
          <Text span c="dimmed">
            {s.why}
          </Text>{' '}
          {s.because}
        </Text>
      ))}
    </Stack>
  );
}

function ChainView({ chain, index }: { chain: WhyChain; index: number }) {
  return (
    <Paper withBorder radius="md" p="md" aria-label={`Why chain ${index}`} component="section">
      <Stack gap="xs">
        <ChainSteps chain={chain} />
        {chain.systemicCause && <SystemicCause cause={chain.systemicCause} />}
      </Stack>
    </Paper>
  );
}

/** The last answer of a chain: what a process or system change can fix. */
function SystemicCause({ cause }: { cause: string }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Badge size="sm" color="grape" variant="light" style={{ flexShrink: 0 }} mt={2}>
        Systemic cause
      </Badge>
      <Text size="sm">{cause}</Text>
    </Group>
  );
}
