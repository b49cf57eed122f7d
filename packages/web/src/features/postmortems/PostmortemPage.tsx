import { roleAtLeast } from '@firebreak/shared';
import { Grid, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { useSignedIn } from '../auth/session.js';
import { EditDetailsModal } from './EditDetailsModal.js';
import { KeptStateContext } from './kept-state.js';
import { PostmortemAbout } from './PostmortemAbout.js';
import { PostmortemHeader } from './PostmortemHeader.js';
import { useComments, usePostmortem } from './postmortems.api.js';
import { type Mode, SectionCard } from './SectionCard.js';

/**
 * One postmortem (`/postmortems/INC-42`): its sections in template order, written in place, with
 * a review mode that shows the rendered text and the comments on each section.
 */
export default function PostmortemPage() {
  const ref = useParams().ref ?? '';
  const { user: me } = useSignedIn();
  const canWrite = roleAtLeast(me.role, 'responder');
  const pm = usePostmortem(ref);
  const comments = useComments(ref);
  const [chosenMode, setMode] = useState<Mode | null>(null);
  const [editingDetails, setEditingDetails] = useState(false);
  const [kept] = useState(() => new Map<string, unknown>());
  useDocumentTitle(pm.data ? `${pm.data.incident.number} postmortem · Firebreak` : 'Firebreak');

  if (pm.isPending) return <PageLoader />;
  if (pm.isError) return <ErrorState error={pm.error} onRetry={() => pm.refetch()} />;
  const data = pm.data;
  // Drafts open for writing; once submitted, the page opens where reviewers work.
  const mode = chosenMode ?? (data.status === 'draft' && canWrite ? 'write' : 'review');

  return (
    <KeptStateContext.Provider value={kept}>
      <Stack gap="md" maw={1500}>
        <PostmortemHeader
          pm={data}
          mode={mode}
          onMode={setMode}
          canWrite={canWrite}
          onEditDetails={() => setEditingDetails(true)}
        />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, xl: 9 }}>
            <Stack gap="md">
              {data.sections.map((section) => (
                <SectionCard
                  key={section.key}
                  pm={data}
                  section={section}
                  mode={mode}
                  canWrite={canWrite}
                  comments={comments.data ?? []}
                />
              ))}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, xl: 3 }}>
            <PostmortemAbout pm={data} />
          </Grid.Col>
        </Grid>
        {editingDetails && <EditDetailsModal pm={data} onClose={() => setEditingDetails(false)} />}
      </Stack>
    </KeptStateContext.Provider>
  );
}
