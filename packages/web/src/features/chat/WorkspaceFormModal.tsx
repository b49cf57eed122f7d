import type { ChatProvider, ChatWorkspace } from '@firebreak/shared';
import {
  Accordion,
  Button,
  Group,
  Modal,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useConnectWorkspace, useUpdateWorkspace } from './chat.api.js';
import { connectInput, draftOf, emptyDraft, updateInput, type WorkspaceDraft } from './workspace.draft.js';

const PROVIDERS: { value: ChatProvider; label: string }[] = [
  { value: 'slack', label: 'Slack' },
  { value: 'mattermost', label: 'Mattermost' },
];

type Props = { workspace?: ChatWorkspace; onClose: () => void };

/** Connects a workspace, or changes one (`workspace` given): secrets left empty stay as stored. */
export function WorkspaceFormModal({ workspace, onClose }: Props) {
  const connect = useConnectWorkspace();
  const update = useUpdateWorkspace();
  const save = workspace ? update : connect;
  const [d, setD] = useState<WorkspaceDraft>(() => (workspace ? draftOf(workspace) : emptyDraft()));
  const errors = fieldErrors(save.error);
  const slack = d.provider === 'slack';
  const field = (key: keyof WorkspaceDraft) => ({
    value: d[key],
    error: errors[key],
    onChange: (e: { currentTarget: { value: string } }) => setD({ ...d, [key]: e.currentTarget.value }),
  });
  const kept = (stored: boolean | undefined) => (stored ? 'Stored; leave empty to keep it' : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (workspace) update.mutate({ id: workspace.id, input: updateInput(d, workspace) }, { onSuccess: onClose });
    else connect.mutate(connectInput(d), { onSuccess: onClose });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={workspace ? `Settings of ${workspace.name}` : 'Connect a workspace'}
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={save.error} fields={Object.keys(d)} />
          {!workspace && (
            <SegmentedControl
              aria-label="Chat"
              data={PROVIDERS}
              value={d.provider}
              onChange={(v) => setD({ ...d, provider: v as ChatProvider })}
            />
          )}
          {slack ? (
            <>
              <PasswordInput
                label="Bot token"
                description="OAuth & Permissions → Bot User OAuth Token (xoxb-…); Firebreak checks it with Slack"
                required={!workspace}
                placeholder={kept(workspace?.hasBotToken)}
                data-autofocus
                {...field('botToken')}
              />
              <PasswordInput
                label="Signing secret"
                description="Basic Information → App Credentials → Signing Secret; verifies every request from Slack"
                required={!workspace}
                placeholder={kept(workspace?.hasSigningSecret)}
                {...field('signingSecret')}
              />
            </>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Team id" required disabled={Boolean(workspace)} {...field('teamId')} />
              <PasswordInput
                label="Slash command token"
                description="Integrations → Slash Commands → the command’s token"
                required={!workspace}
                placeholder={kept(workspace?.hasVerificationToken)}
                {...field('verificationToken')}
              />
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Name"
              description={slack && !workspace ? 'Defaults to the Slack workspace’s name' : undefined}
              {...field('name')}
            />
            <TextInput
              label="Capture reaction"
              description="Emoji that copies a war-room message to the timeline"
              leftSection={<Text size="sm">:</Text>}
              {...field('captureReaction')}
            />
          </SimpleGrid>
          <TextInput
            label="Announcements channel"
            description={
              slack
                ? 'Channel id (C…) for plain-language stakeholder updates, or an incoming webhook URL; empty for none'
                : 'Incoming webhook URL for plain-language stakeholder updates; empty for none'
            }
            {...field('announcementsChannel')}
          />
          {slack && (
            <Accordion variant="contained" chevronPosition="left">
              <Accordion.Item value="advanced">
                <Accordion.Control>Advanced</Accordion.Control>
                <Accordion.Panel>
                  <Stack>
                    <TextInput
                      label="Slack API URL"
                      description="Change only for a proxy or a test double"
                      {...field('apiUrl')}
                    />
                    <TextInput
                      label="Team id"
                      description="Read from the bot token; give it only to make sure the token is the right workspace’s"
                      disabled={Boolean(workspace)}
                      {...field('teamId')}
                    />
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {workspace ? 'Save' : 'Connect'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
