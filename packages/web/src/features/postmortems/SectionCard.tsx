import type { PostmortemComment, PostmortemDetail, PostmortemSection } from '@firebreak/shared';
import { Badge, Divider, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMessage } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ActionItemsEditor } from './ActionItemsEditor.js';
import { FactorsEditor } from './FactorsEditor.js';
import { FiveWhysEditor } from './FiveWhysEditor.js';
import { Markdown } from './Markdown.js';
import { ProcessFigures } from './ProcessFigures.js';
import { SectionComments } from './SectionComments.js';
import { SectionTextEditor } from './SectionTextEditor.js';
import { TimelineEditor } from './TimelineEditor.js';

export type Mode = 'write' | 'review';

/** The records a structured section holds, above its Markdown notes. */
function structured(section: PostmortemSection, pm: PostmortemDetail, editable: boolean): ReactNode {
  switch (section.kind) {
    case 'timeline':
      return <TimelineEditor pm={pm} editable={editable} />;
    case 'five_whys':
      return <FiveWhysEditor pm={pm} editable={editable} />;
    case 'contributing_factors':
      return <FactorsEditor pm={pm} editable={editable} />;
    case 'process':
      return <ProcessFigures figures={pm.figures} />;
    case 'action_items':
      return <ActionItemsEditor pm={pm} editable={editable} />;
    default:
      return null;
  }
}

/**
 * One section of the postmortem. Writing: its records and its Markdown, with the blameless check
 * beside the text. Reviewing: the rendered text with the section's comments beside it.
 */
export function SectionCard({
  pm,
  section,
  mode,
  canWrite,
  comments,
}: {
  pm: PostmortemDetail;
  section: PostmortemSection;
  mode: Mode;
  canWrite: boolean;
  comments: PostmortemComment[];
}) {
  const editable = canWrite && mode === 'write';
  const records = structured(section, pm, editable);
  const notesLabel = records ? `${section.title} notes` : section.title;
  const participants = pm.contributors.map((c) => c.person.name);

  const body = editable ? (
    <SectionTextEditor pmRef={pm.id} section={section} participants={participants} label={notesLabel} />
  ) : (
    <Markdown text={section.body} empty={records ? 'No notes.' : 'Nothing written yet.'} />
  );

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={section.title} id={`section-${section.key}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={2} size="h4">
              {section.title}
            </Title>
            {section.prompt && editable && (
              <Text size="sm" c="dimmed">
                {section.prompt}
              </Text>
            )}
          </Stack>
          {section.openComments > 0 && (
            <Badge variant="light" color="blue" leftSection={<IconMessage size={12} />}>
              {section.openComments} open comment{section.openComments === 1 ? '' : 's'}
            </Badge>
          )}
        </Group>
        {mode === 'review' ? (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Stack gap="sm">
                {records}
                {records && <Divider label="Notes" labelPosition="left" />}
                {body}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <SectionComments
                pmRef={pm.id}
                section={section.key}
                title={section.title}
                comments={comments.filter((c) => c.section === section.key)}
                canWrite={canWrite}
              />
            </Grid.Col>
          </Grid>
        ) : (
          <>
            {records}
            {records && <Divider label="Notes" labelPosition="left" />}
            {body}
          </>
        )}
      </Stack>
    </Paper>
  );
}
