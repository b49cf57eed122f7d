import { ApiError, blamelessSuggestions, type PostmortemSection } from '@firebreak/shared';
import { Button, Grid, Group, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../components/format.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { BlamelessPanel } from './BlamelessPanel.js';
import { ConflictDialog, isSectionConflict, type SectionConflict } from './ConflictDialog.js';
import { useKeptState } from './kept-state.js';
import { Markdown } from './Markdown.js';
import { useSaveSection } from './postmortems.api.js';

/** What the person is writing, and the text and version of the section they started from. */
type Draft = { body: string; baseBody: string; baseVersion: number };

/**
 * A section's Markdown, with a preview and the blameless check beside it. The draft stays the
 * person's own while they write: a newer version from someone else replaces it only when there
 * is nothing unsaved; otherwise the save meets the conflict dialog, where both texts are merged.
 */
export function SectionTextEditor({
  pmRef,
  section,
  participants,
  label,
}: {
  pmRef: string;
  section: PostmortemSection;
  participants: string[];
  /** Heading of the text box; structured sections call it "Notes". */
  label: string;
}) {
  const save = useSaveSection(pmRef);
  const fromServer = (): Draft => ({ body: section.body, baseBody: section.body, baseVersion: section.version });
  const [draft, setDraft] = useKeptState<Draft>(`section:${pmRef}:${section.key}`, fromServer);
  const [conflict, setConflict] = useState<SectionConflict | null>(null);
  const unsaved = draft.body !== draft.baseBody;

  // Someone saved a newer version: follow it when nothing here is unsaved (adjusting state while
  // rendering, as React recommends for "reset when a prop changes"). Versions only grow.
  if (!unsaved && draft.baseVersion < section.version) setDraft(fromServer());

  const submit = (body: string, version: number) =>
    save.mutate(
      { key: section.key, body, version },
      {
        onSuccess: (saved) => {
          setConflict(null);
          setDraft({ body: saved.section.body, baseBody: saved.section.body, baseVersion: saved.section.version });
        },
        onError: (error) => {
          if (error instanceof ApiError && isSectionConflict(error.problem)) setConflict(error.problem);
        },
      },
    );

  const suggestions = blamelessSuggestions(draft.body, participants);
  const conflictError = save.error instanceof ApiError && isSectionConflict(save.error.problem) ? null : save.error;

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="xs">
          <Tabs defaultValue="write" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="write">Write</Tabs.Tab>
              <Tabs.Tab value="preview">Preview</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="write" pt="xs">
              <Textarea
                aria-label={`${label} text`}
                description="Markdown: **bold**, _italic_, `code`, - lists, # headings, [links](https://…)"
                autosize
                minRows={4}
                maxRows={24}
                value={draft.body}
                onChange={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
              />
            </Tabs.Panel>
            <Tabs.Panel value="preview" pt="xs">
              <Markdown text={draft.body} />
            </Tabs.Panel>
          </Tabs>
          <ProblemAlert error={conflictError} />
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="xs" c="dimmed">
              {unsaved
                ? 'Unsaved changes'
                : `Saved${section.updatedBy ? ` by ${section.updatedBy.name}` : ''} ${formatDateTime(section.updatedAt)}`}
            </Text>
            <Group gap="xs">
              {unsaved && (
                <Button size="xs" variant="subtle" color="gray" onClick={() => setDraft(fromServer())}>
                  Discard changes
                </Button>
              )}
              <Button
                size="xs"
                disabled={!unsaved}
                loading={save.isPending && !conflict}
                aria-label={`Save ${label}`}
                onClick={() => submit(draft.body, draft.baseVersion)}
              >
                Save
              </Button>
            </Group>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <BlamelessPanel suggestions={suggestions} />
      </Grid.Col>
      {conflict && (
        <ConflictDialog
          title={label}
          conflict={conflict}
          pending={save.isPending}
          error={conflictError}
          onSave={submit}
          onClose={() => setConflict(null)}
        />
      )}
    </Grid>
  );
}
