import { Anchor, Button, Code, CopyButton, Group, List, ScrollArea, Stack, Text } from '@mantine/core';
import { IconCopy, IconDownload, IconExternalLink } from '@tabler/icons-react';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { SecretValue } from '../../components/SecretValue.js';
import { Section } from '../../components/Section.js';
import { useSlackAppSetup } from './chat.api.js';

const NEW_SLACK_APP = 'https://api.slack.com/apps?new_app=1';

/** How to make the Slack app: the manifest with this server's URLs, and the URLs on their own. */
export function SlackAppSection() {
  const setup = useSlackAppSetup();
  return (
    <Section
      title="Slack app"
      description="Create the app from the manifest, install it to your workspace, then connect it above with its bot token and signing secret."
    >
      {setup.isPending ? (
        <PageLoader />
      ) : setup.isError ? (
        <ErrorState error={setup.error} onRetry={() => setup.refetch()} />
      ) : (
        <Stack gap="md">
          <List type="ordered" size="sm" spacing={4}>
            <List.Item>
              Open{' '}
              <Anchor href={NEW_SLACK_APP} target="_blank" rel="noreferrer">
                Create New App <IconExternalLink size={12} />
              </Anchor>{' '}
              → From an app manifest, pick the workspace and paste the manifest below.
            </List.Item>
            <List.Item>
              Install the app, then copy the bot token and the signing secret into “Connect workspace”.
            </List.Item>
            <List.Item>
              Invite the bot to the announcements channel if it is private; war rooms are created by the bot itself.
            </List.Item>
          </List>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Request URLs
            </Text>
            <Text size="xs" c="dimmed">
              Already in the manifest; paste them by hand only into an app you made without it. They come from
              FIREBREAK_PUBLIC_URL, which Slack must be able to reach.
            </Text>
            <SecretValue value={setup.data.requestUrls.commands} label="Slash command URL" />
            <SecretValue value={setup.data.requestUrls.interactions} label="Interactivity URL" />
            <SecretValue value={setup.data.requestUrls.events} label="Event subscriptions URL" />
          </Stack>
          {setup.data.manifest ? (
            <Stack gap={6}>
              <Group justify="space-between">
                <Text size="sm" fw={500}>
                  Manifest
                </Text>
                <Group gap="xs">
                  <CopyButton value={setup.data.manifest} timeout={2000}>
                    {({ copied, copy }) => (
                      <Button size="xs" variant="light" leftSection={<IconCopy size={14} />} onClick={copy}>
                        {copied ? 'Copied' : 'Copy manifest'}
                      </Button>
                    )}
                  </CopyButton>
                  <Button
                    size="xs"
                    variant="default"
                    component="a"
                    leftSection={<IconDownload size={14} />}
                    href={`data:text/yaml;charset=utf-8,${encodeURIComponent(setup.data.manifest)}`}
                    download="firebreak-slack-manifest.yaml"
                  >
                    Download
                  </Button>
                </Group>
              </Group>
              <ScrollArea.Autosize mah={260} type="auto">
                <Code block aria-label="Slack app manifest">
                  {setup.data.manifest}
                </Code>
              </ScrollArea.Autosize>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              The manifest ships in the repository as <Code>integrations/slack/manifest.yaml</Code>; this installation
              does not include it.
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}
