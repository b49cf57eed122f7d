import { isPageOpen, type PageView } from '@firebreak/shared';
import { Button, Group, Stack } from '@mantine/core';
import { IconArrowBigUpLines, IconCheck, IconCircleCheck } from '@tabler/icons-react';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { type PageAction, usePageAction } from './paging.api.js';

/** Acknowledge, resolve, escalate: what a responder does with an open page. */
export function PageActions({ page, size = 'xs' }: { page: PageView; size?: 'xs' | 'sm' }) {
  const act = usePageAction();
  if (!isPageOpen(page.status)) return null;
  const run = (action: PageAction) => act.mutate({ id: page.id, action });
  const busy = (action: PageAction) => act.isPending && act.variables?.action === action;
  return (
    <Stack gap={4} align="flex-end">
      <Group gap={6} wrap="nowrap" justify="flex-end">
        {page.status === 'triggered' && (
          <Button
            size={size}
            color="yellow"
            leftSection={<IconCheck size={14} />}
            loading={busy('ack')}
            onClick={() => run('ack')}
            aria-label={`Acknowledge ${page.summary}`}
          >
            Acknowledge
          </Button>
        )}
        <Button
          size={size}
          variant="light"
          color="green"
          leftSection={<IconCircleCheck size={14} />}
          loading={busy('resolve')}
          onClick={() => run('resolve')}
          aria-label={`Resolve ${page.summary}`}
        >
          Resolve
        </Button>
        <Button
          size={size}
          variant="subtle"
          color="red"
          leftSection={<IconArrowBigUpLines size={14} />}
          loading={busy('escalate')}
          onClick={() => run('escalate')}
          aria-label={`Escalate ${page.summary}`}
        >
          Escalate
        </Button>
      </Group>
      <ProblemAlert error={act.error} />
    </Stack>
  );
}
