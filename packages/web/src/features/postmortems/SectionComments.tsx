import type { PostmortemComment } from '@firebreak/shared';
import { Button, Collapse, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { formatDateTime } from '../../components/format.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useAddComment, useResolveComment } from './postmortems.api.js';

/** Review comments on one section: open ones first, resolved ones folded away. */
export function SectionComments({
  pmRef,
  section,
  title,
  comments,
  canWrite,
}: {
  pmRef: string;
  section: string;
  title: string;
  comments: PostmortemComment[];
  canWrite: boolean;
}) {
  const add = useAddComment(pmRef);
  const resolve = useResolveComment(pmRef);
  const [body, setBody] = useState('');
  const [showResolved, { toggle }] = useDisclosure(false);
  const open = comments.filter((c) => !c.resolvedAt);
  const resolved = comments.filter((c) => c.resolvedAt);

  return (
    <Stack gap="xs" aria-label={`Comments on ${title}`} component="section">
      <Text size="sm" fw={600}>
        Review comments {open.length > 0 && `(${open.length} open)`}
      </Text>
      {open.map((c) => (
        <Comment key={c.id} comment={c}>
          {canWrite && (
            <Button
              size="compact-xs"
              variant="subtle"
              loading={resolve.isPending && resolve.variables === c.id}
              onClick={() => resolve.mutate(c.id)}
            >
              Resolve
            </Button>
          )}
        </Comment>
      ))}
      {resolved.length > 0 && (
        <>
          <Button size="compact-xs" variant="subtle" color="gray" w="fit-content" onClick={toggle}>
            {showResolved ? 'Hide' : 'Show'} {resolved.length} resolved
          </Button>
          <Collapse expanded={showResolved}>
            <Stack gap="xs">
              {resolved.map((c) => (
                <Comment key={c.id} comment={c} />
              ))}
            </Stack>
          </Collapse>
        </>
      )}
      <ProblemAlert error={resolve.error} />
      {canWrite && (
        <Stack gap={4}>
          <Textarea
            aria-label={`Comment on ${title}`}
            placeholder="Ask a question or suggest a change to this section"
            autosize
            minRows={1}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <ProblemAlert error={add.error} />
          <Button
            size="xs"
            variant="default"
            w="fit-content"
            disabled={!body.trim()}
            loading={add.isPending}
            onClick={() => add.mutate({ section, body }, { onSuccess: () => setBody('') })}
          >
            Comment
          </Button>
        </Stack>
      )}
    </Stack>
  );
}

function Comment({ comment, children }: { comment: PostmortemComment; children?: React.ReactNode }) {
  return (
    <Paper withBorder radius="sm" p="xs" opacity={comment.resolvedAt ? 0.7 : 1}>
      <Stack gap={2}>
        <Text size="xs" c="dimmed">
          {comment.author.name} · {formatDateTime(comment.createdAt)}
          {comment.resolvedAt &&
            ` · resolved${comment.resolvedBy ? ` by ${comment.resolvedBy.name}` : ''} ${formatDateTime(comment.resolvedAt)}`}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {comment.body}
        </Text>
        {children && <Group justify="flex-end">{children}</Group>}
      </Stack>
    </Paper>
  );
}
