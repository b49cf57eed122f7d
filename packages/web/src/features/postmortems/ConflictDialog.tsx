import type { PersonRef } from '@firebreak/shared';
import { Button, Group, Modal, Paper, ScrollArea, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../components/format.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';

/** What a 409 `section_conflict` carries besides the usual problem fields. */
export type SectionConflict = {
  yours: { body: string; baseVersion: number };
  current: { body: string; version: number; updatedBy: PersonRef | null; updatedAt: string };
};

export function isSectionConflict(problem: unknown): problem is SectionConflict & { code: string } {
  const p = problem as Partial<SectionConflict> & { code?: string };
  return p?.code === 'section_conflict' && typeof p.yours?.body === 'string' && typeof p.current?.body === 'string';
}

function VersionText({ label, body }: { label: string; body: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Paper withBorder p="xs" radius="sm">
        <ScrollArea.Autosize mah={220}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {body || '(empty)'}
          </Text>
        </ScrollArea.Autosize>
      </Paper>
    </Stack>
  );
}

/**
 * Someone else saved the section while this person was writing. Both texts are shown, and the
 * merge box starts with theirs-then-mine, so nothing is lost; saving sends the current version.
 */
export function ConflictDialog({
  title,
  conflict,
  onSave,
  onClose,
  pending,
  error,
}: {
  title: string;
  conflict: SectionConflict;
  onSave: (body: string, version: number) => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
}) {
  const both = `${conflict.current.body.trimEnd()}\n\n${conflict.yours.body.trimStart()}`;
  const [merged, setMerged] = useState(both);
  const who = conflict.current.updatedBy?.name ?? 'Someone else';

  return (
    <Modal opened onClose={onClose} title={`${title}: merge the two versions`} size="xl" centered>
      <Stack>
        <Text size="sm">
          {who} saved this section at {formatDateTime(conflict.current.updatedAt)}, after you started writing. Nothing
          is lost: here are both texts. Merge them below and save.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <VersionText label="Your text (not saved)" body={conflict.yours.body} />
          <VersionText label={`Saved by ${who}`} body={conflict.current.body} />
        </SimpleGrid>
        <Group gap="xs">
          <Text size="sm">Start from:</Text>
          <Button size="xs" variant="default" onClick={() => setMerged(conflict.yours.body)}>
            Mine
          </Button>
          <Button size="xs" variant="default" onClick={() => setMerged(conflict.current.body)}>
            Theirs
          </Button>
          <Button size="xs" variant="default" onClick={() => setMerged(both)}>
            Both
          </Button>
        </Group>
        <Textarea
          label="Merged text"
          autosize
          minRows={6}
          maxRows={18}
          value={merged}
          onChange={(e) => setMerged(e.currentTarget.value)}
        />
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep editing mine
          </Button>
          <Button loading={pending} onClick={() => onSave(merged, conflict.current.version)}>
            Save merged text
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
