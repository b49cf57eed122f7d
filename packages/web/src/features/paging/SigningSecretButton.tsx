import { Button, Popover, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { API, api } from '../../api/client.js';
import { errorMessage } from '../../api/problems.js';
import { SecretValue } from '../../components/SecretValue.js';

/** A webhook's signing secret, fetched only when asked for, to verify `Firebreak-Signature` with. */
export function SigningSecretButton({ methodId, label }: { methodId: string; label: string }) {
  const [opened, setOpened] = useState(false);
  const secret = useQuery({
    queryKey: ['paging', 'signing-secret', methodId],
    queryFn: () => api.get<{ secret: string }>(`${API}/me/contact-methods/${methodId}/signing-secret`),
    enabled: opened,
    staleTime: Number.POSITIVE_INFINITY,
  });
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
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
