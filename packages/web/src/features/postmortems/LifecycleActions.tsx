import type { PostmortemDetail, PostmortemStatus } from '@firebreak/shared';
import { Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { IconSend, IconWorldUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useChangePostmortemStatus } from './postmortems.api.js';

/** The next steps of the lifecycle the server allows: submit, send back, publish. */
export function LifecycleActions({ pm }: { pm: PostmortemDetail }) {
  const change = useChangePostmortemStatus(pm.id);
  const [confirming, setConfirming] = useState(false);
  const allowed = (s: PostmortemStatus) => pm.allowedTransitions.includes(s);

  return (
    <Stack gap={4}>
      <Group gap="xs">
        {allowed('draft') && (
          <Button
            variant="default"
            size="xs"
            loading={change.isPending && change.variables === 'draft'}
            onClick={() => change.mutate('draft')}
          >
            Back to draft
          </Button>
        )}
        {allowed('in_review') && (
          <Button
            size="xs"
            leftSection={<IconSend size={14} />}
            loading={change.isPending && change.variables === 'in_review'}
            onClick={() => change.mutate('in_review')}
          >
            Submit for review
          </Button>
        )}
        {allowed('published') && (
          <Tooltip
            label="Only the owner, the incident commander or an admin publishes"
            disabled={pm.canPublish}
            withArrow
          >
            <Button
              size="xs"
              color="green"
              leftSection={<IconWorldUpload size={14} />}
              disabled={!pm.canPublish}
              onClick={() => setConfirming(true)}
            >
              Publish
            </Button>
          </Tooltip>
        )}
      </Group>
      {!confirming && <ProblemAlert error={change.error} />}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Publish this postmortem?" centered>
        <Stack>
          <Text size="sm">
            Published postmortems are final and become part of the searchable repository (and of the similar incidents
            shown when someone declares a new one). Corrections stay possible.
          </Text>
          <ProblemAlert error={change.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="green"
              loading={change.isPending}
              onClick={() => change.mutate('published', { onSuccess: () => setConfirming(false) })}
            >
              Publish
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
