import type { AffectedComponent, PublicIncident } from '@firebreak/shared';
import { Button, Grid, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { AffectedComponentsEditor } from './AffectedComponentsEditor.js';
import { PlainLanguageHint } from './PlainLanguageHint.js';
import { IMPACT_OPTIONS, INCIDENT_STATUS_OPTIONS } from './presentation.js';
import { usePublishIncident } from './statuspage.api.js';
import { UpdatePreviewCard } from './UpdatePreviewCard.js';

const FIELDS = ['incidentId', 'name', 'body', 'status', 'impact'] as const;

/** Publishes an internal incident (`incidentRef`, else typed in) with a customer-facing title and first update. */
export function PublishIncidentModal({
  incidentRef,
  onClose,
  onPublished,
}: {
  incidentRef?: string;
  onClose: () => void;
  onPublished?: (published: PublicIncident) => void;
}) {
  const publish = usePublishIncident();
  const [incidentId, setIncidentId] = useState(incidentRef ?? '');
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const [status, setStatus] = useState('investigating');
  const [impact, setImpact] = useState('minor');
  const [components, setComponents] = useState<AffectedComponent[]>([]);
  const errors = fieldErrors(publish.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate(
      {
        incidentId,
        name,
        body,
        status: status as 'investigating',
        impact: impact as 'minor',
        components,
      },
      { onSuccess: (p) => (onPublished ? onPublished(p) : onClose()) },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Publish to status page" size="xl">
      <form onSubmit={submit}>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack>
              <ProblemAlert error={publish.error} fields={FIELDS} />
              {!incidentRef && (
                <TextInput
                  label="Internal incident"
                  description="Its number, e.g. INC-42; private incidents cannot be published"
                  required
                  value={incidentId}
                  onChange={(e) => setIncidentId(e.currentTarget.value)}
                  error={errors.incidentId}
                />
              )}
              <TextInput
                label="Public title"
                description="What customers notice, e.g. Payments are failing"
                required
                data-autofocus
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.name}
              />
              <Textarea
                label="First update"
                description="What customers see and what we are doing, in plain words"
                required
                autosize
                minRows={3}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                error={errors.body}
              />
              <Group grow>
                <Select
                  label="Status"
                  data={INCIDENT_STATUS_OPTIONS}
                  value={status}
                  onChange={(v) => v && setStatus(v)}
                  allowDeselect={false}
                />
                <Select
                  label="Impact"
                  data={IMPACT_OPTIONS}
                  value={impact}
                  onChange={(v) => v && setImpact(v)}
                  allowDeselect={false}
                />
              </Group>
              <AffectedComponentsEditor value={components} onChange={setComponents} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack>
              <UpdatePreviewCard name={name} status={status} impact={impact} body={body} components={components} />
              <PlainLanguageHint text={`${name}\n${body}`} />
            </Stack>
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            loading={publish.isPending}
            disabled={!name.trim() || !body.trim() || !incidentId.trim()}
          >
            Publish
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
