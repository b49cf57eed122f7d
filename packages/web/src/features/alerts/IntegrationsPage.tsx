import { roleAtLeast } from '@firebreak/shared';
import { Button, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { useSignedIn } from '../auth/session.js';
import { useServices } from '../directory/directory.api.js';
import { AlertsNav } from './AlertsNav.js';
import { useIntegrations } from './alerts.api.js';
import { CreateIntegrationModal } from './CreateIntegrationModal.js';
import { IntegrationCard } from './IntegrationCard.js';

/** `/alerts/integrations`: where each service's monitoring tools send their alerts. */
export default function IntegrationsPage() {
  const { user: me } = useSignedIn();
  const canEdit = roleAtLeast(me.role, 'responder');
  const [params, setParams] = useSearchParams();
  const serviceId = params.get('service') ?? undefined;
  const services = useServices();
  const integrations = useIntegrations(serviceId);
  const [creating, { open, close }] = useDisclosure(false);
  const serviceName = new Map(services.items.map((s) => [s.id, s.name]));

  return (
    <Stack gap="md" maw={1200}>
      <AlertsNav
        current="integrations"
        action={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={open}>
              New integration
            </Button>
          )
        }
      />
      <Select
        aria-label="Service"
        placeholder="All services"
        clearable
        searchable
        w={280}
        data={services.items.map((s) => ({ value: s.id, label: s.name }))}
        value={serviceId ?? null}
        onChange={(v) => setParams(v ? { service: v } : {}, { replace: true })}
      />
      {integrations.isPending ? (
        <PageLoader />
      ) : integrations.isError ? (
        <ErrorState error={integrations.error} onRetry={() => integrations.refetch()} />
      ) : integrations.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No integrations yet. Add one to give a monitoring tool a URL and key to send alerts to.
        </Text>
      ) : (
        integrations.items.map((i) => (
          <IntegrationCard
            key={i.id}
            integration={i}
            serviceName={serviceName.get(i.serviceId) ?? '…'}
            canEdit={canEdit}
            isAdmin={me.role === 'admin'}
          />
        ))
      )}
      <LoadMore {...integrations} />
      <CreateIntegrationModal opened={creating} onClose={close} serviceId={serviceId} />
    </Stack>
  );
}
