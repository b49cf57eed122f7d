import { Button, Checkbox, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useAddNote } from './incidents.api.js';
import { localInputToIso, toLocalInput } from './presentation.js';

/**
 * Adds a note to the timeline. Things noticed earlier ("the deploy went out at 14:02") carry when
 * they happened, so the timeline stays in the order events really occurred.
 */
export function NoteComposer({ incidentRef }: { incidentRef: string }) {
  const add = useAddNote(incidentRef);
  const [text, setText] = useState('');
  const [earlier, setEarlier] = useState(false);
  const [happenedAt, setHappenedAt] = useState('');
  const errors = fieldErrors(add.error);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim()) return;
    const when = earlier ? localInputToIso(happenedAt) : undefined;
    add.mutate(
      { text, ...(when && { happenedAt: when }) },
      {
        onSuccess: () => {
          setText('');
          setEarlier(false);
          setHappenedAt('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Add a note">
      <Stack gap="xs">
        <ProblemAlert error={add.error} fields={['text', 'happenedAt']} />
        <Textarea
          label="Add a note"
          placeholder="What did you see, try or learn? (Ctrl+Enter to add)"
          autosize
          minRows={2}
          maxRows={8}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
          }}
          error={errors.text}
        />
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Group gap="sm" align="flex-end">
            <Checkbox
              label="It happened earlier"
              checked={earlier}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setEarlier(on);
                if (on && !happenedAt) setHappenedAt(toLocalInput(Date.now()));
              }}
              mb={6}
            />
            {earlier && (
              <TextInput
                type="datetime-local"
                aria-label="Happened at"
                size="xs"
                value={happenedAt}
                max={toLocalInput(Date.now())}
                onChange={(e) => setHappenedAt(e.currentTarget.value)}
                error={errors.happenedAt}
              />
            )}
          </Group>
          <Button type="submit" size="xs" loading={add.isPending} disabled={!text.trim()}>
            Add note
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
