import { Badge, Button, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconCircleCheck, IconSend } from '@tabler/icons-react';
import { formatDateTime } from '../../components/format.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useContactMethods } from '../directory/directory.api.js';
import { CHANNEL_LABEL, DeliveryBadge } from './PageBadges.js';
import { useMethodChecks, useSendTest } from './paging.api.js';
import { SigningSecretButton } from './SigningSecretButton.js';

/** Each contact method with a "send me a test" button; a delivered test marks it verified. */
export function ContactChecks({ userId }: { userId: string }) {
  const methods = useContactMethods(userId);
  const checks = useMethodChecks();
  const send = useSendTest();
  const checkOf = new Map((checks.data?.items ?? []).map((c) => [c.contactMethodId, c]));

  return (
    <Section
      title="Test your contact methods"
      description="Send yourself a test notification. A method counts as verified once a test reaches it; people on call need at least one verified method in their high-urgency rules."
    >
      {methods.isPending || checks.isPending ? (
        <PageLoader />
      ) : methods.isError || checks.isError ? (
        <ErrorState
          error={methods.error ?? checks.error}
          onRetry={() => {
            methods.refetch();
            checks.refetch();
          }}
        />
      ) : methods.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Add a contact method above first.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="xs" aria-label="Contact method checks">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Method</Table.Th>
                <Table.Th>Verified</Table.Th>
                <Table.Th>Latest test</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {methods.items.map((m) => {
                const check = checkOf.get(m.id);
                const verified = check?.verifiedAt ?? null;
                return (
                  <Table.Tr key={m.id} data-testid={`check-${m.label}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {CHANNEL_LABEL[m.kind] ?? m.kind} · {m.label}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                        {m.address}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {verified ? (
                        <Tooltip label={`Verified ${formatDateTime(verified)}`} withArrow>
                          <Badge color="green" variant="light" leftSection={<IconCircleCheck size={12} />}>
                            Verified
                          </Badge>
                        </Tooltip>
                      ) : (
                        <Badge color="gray" variant="light">
                          Not verified
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {check?.lastTest ? (
                        <>
                          <DeliveryBadge status={check.lastTest.status} />
                          <Text size="xs" c="dimmed">
                            {formatDateTime(check.lastTest.at)}
                          </Text>
                          {check.lastTest.error && (
                            <Text size="xs" c="red" maw={280}>
                              {check.lastTest.error}
                            </Text>
                          )}
                        </>
                      ) : (
                        <Text size="xs" c="dimmed">
                          Never tested
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {m.kind === 'webhook' && <SigningSecretButton methodId={m.id} label={m.label} />}
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconSend size={14} />}
                        loading={send.isPending && send.variables === m.id}
                        onClick={() => send.mutate(m.id)}
                        aria-label={`Send a test notification to ${m.label}`}
                      >
                        Send test
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ProblemAlert error={send.error} />
    </Section>
  );
}
