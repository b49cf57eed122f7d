import { Button, type ButtonProps, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { ProblemAlert } from './ProblemAlert.js';

type Props = ButtonProps & {
  /** Button text, also the confirm button's text. */
  children: ReactNode;
  title: string;
  message: ReactNode;
  onConfirm: () => Promise<unknown>;
  pending?: boolean;
  error?: unknown;
  /** Names the target for screen readers when several identical buttons share a page. */
  'aria-label'?: string;
};

/** A destructive action that asks first; the dialog stays open and shows the problem if it fails. */
export function ConfirmButton({ children, title, message, onConfirm, pending, error, ...button }: Props) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button color="red" variant="subtle" size="xs" {...button} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Stack>
          <Text size="sm">{message}</Text>
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" loading={pending} onClick={() => onConfirm().then(close, () => {})}>
              {children}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
