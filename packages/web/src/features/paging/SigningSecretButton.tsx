import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { IconKey, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/problems.js';
import { formatDateTime } from '../../components/format.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SecretValue } from '../../components/SecretValue.js';
import { useFinishSigningSecretRotation, useRotateSigningSecret, useSigningSecret } from './paging.api.js';

/**
 * A webhook's signing secret, fetched only when asked for, to verify `Firebreak-Signature` with;
 * rotating it keeps the old secret signing beside the new one until it is stopped (or for 24 hours).
 */
export function SigningSecretButton({ methodId, label }: { methodId: string; label: string }) {
  const [opened, setOpened] = useState(false);
  const secret = useSigningSecret(methodId, opened);
  const rotate = useRotateSigningSecret(methodId);
  const finish = useFinishSigningSecretRotation(methodId);
  const rotatingUntil = secret.data?.rotatingUntil ?? null;
  return (
    <Popover opened={opened} onChange={setOpened} width={420} position="bottom-end" withArrow>
      <Popover.Target>
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconKey size={14} />}
          onClick={() => setOpened((o) => !o)}
          aria-label={`Signing secret of ${label}`}
        >
          Secret
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="xs">
            Your receiver checks the <code>Firebreak-Signature</code> header with this key (HMAC-SHA256 of
            “timestamp.body”). See the paging guide.
          </Text>
          {secret.data ? (
            <SecretValue value={secret.data.secret} label="Signing secret" testId="signing-secret" />
          ) : (
            <Text size="xs" c={secret.isError ? 'red' : 'dimmed'}>
              {secret.isError ? errorMessage(secret.error) : 'Loading…'}
            </Text>
          )}
          {rotatingUntil && (
            <Text size="xs" c="orange" data-testid="signing-secret-rotating">
              The previous secret also signs until {formatDateTime(rotatingUntil)}. Stop it once your receiver uses the
              new one.
            </Text>
          )}
          <Group gap="xs" justify="flex-end">
            {rotatingUntil && (
              <Button size="xs" variant="subtle" color="red" loading={finish.isPending} onClick={() => finish.mutate()}>
                Stop old secret
              </Button>
            )}
            <Button
              size="xs"
              variant="light"
              leftSection={<IconRefresh size={14} />}
              loading={rotate.isPending}
              disabled={!secret.data}
              onClick={() => rotate.mutate()}
            >
              Rotate signing secret
            </Button>
          </Group>
          <ProblemAlert error={rotate.error ?? finish.error} />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
