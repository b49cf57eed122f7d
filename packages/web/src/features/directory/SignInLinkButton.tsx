import type { SignInLink, User } from '@firebreak/shared';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../components/format.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SecretValue } from '../../components/SecretValue.js';
import { useIssueSignInLink } from './directory.api.js';

/** Admins hand a new or locked-out person a one-time link; opening it signs them in to set a password. */
export function SignInLinkButton({ user }: { user: User }) {
  const issue = useIssueSignInLink();
  const [link, setLink] = useState<SignInLink | null>(null);
  const [open, setOpen] = useState(false);

  const close = () => {
    setOpen(false);
    setLink(null);
    issue.reset();
  };

  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        aria-label={`Sign-in link for ${user.name}`}
        onClick={() => {
          setOpen(true);
          issue.mutate(user, { onSuccess: setLink });
        }}
      >
        Sign-in link
      </Button>
      <Modal opened={open} onClose={close} title={`One-time sign-in link for ${user.name}`} size="lg">
        <Stack>
          <ProblemAlert error={issue.error} />
          {issue.isPending && <Text size="sm">Creating a link…</Text>}
          {link && (
            <>
              <Alert color="orange" role="status">
                Send this link to {user.name} privately. It works once, until {formatDateTime(link.expiresAt)}, and lets
                them set a new password.
              </Alert>
              <SecretValue value={link.url} label="Sign-in link" />
            </>
          )}
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
