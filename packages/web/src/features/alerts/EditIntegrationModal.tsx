import type { Integration } from '@firebreak/shared';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useUpdateIntegration } from './alerts.api.js';
import { SettingsFields } from './SettingsFields.js';
import { draftOf, toInput } from './settings.draft.js';

/** Changes an integration's settings; the key and URL stay as they are. */
export function EditIntegrationModal({ integration, onClose }: { integration: Integration; onClose: () => void }) {
  const update = useUpdateIntegration();
  const [draft, setDraft] = useState(() => draftOf(integration));
  const errors = fieldErrors(update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: integration.id, input: toInput(draft, integration.kind) }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={`Settings of ${integration.name}`} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={update.error} fields={Object.keys(errors)} />
          <SettingsFields kind={integration.kind} draft={draft} onChange={setDraft} errors={errors} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
