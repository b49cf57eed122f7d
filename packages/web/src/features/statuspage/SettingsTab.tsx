import type { StatusPageSettings } from '@firebreak/shared';
import { Button, ColorInput, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useSettings, useUpdateSettings } from './statuspage.api.js';

const FIELDS = [
  'name',
  'logoUrl',
  'brandColor',
  'backgroundColor',
  'textColor',
  'timeZone',
  'statusHost',
  'supportUrl',
] as const;
const orNull = (v: string) => (v.trim() ? v.trim() : null);

function SettingsForm({ settings }: { settings: StatusPageSettings }) {
  const save = useUpdateSettings();
  const [s, setS] = useState(settings);
  const errors = fieldErrors(save.error);
  const text = (key: 'name' | 'timeZone' | 'logoUrl' | 'statusHost' | 'supportUrl') => ({
    value: s[key] ?? '',
    error: errors[key],
    onChange: (e: { currentTarget: { value: string } }) => setS({ ...s, [key]: e.currentTarget.value }),
  });
  const color = (key: 'brandColor' | 'backgroundColor' | 'textColor') => ({
    value: s[key],
    error: errors[key],
    format: 'hex' as const,
    onChange: (v: string) => setS({ ...s, [key]: v }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      name: s.name,
      timeZone: s.timeZone,
      logoUrl: orNull(s.logoUrl ?? ''),
      statusHost: orNull(s.statusHost ?? ''),
      supportUrl: orNull(s.supportUrl ?? ''),
      brandColor: s.brandColor,
      backgroundColor: s.backgroundColor,
      textColor: s.textColor,
    });
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <ProblemAlert error={save.error} fields={FIELDS} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label="Organisation name" required {...text('name')} />
          <TextInput label="Time zone" description="IANA zone the page shows times in" {...text('timeZone')} />
          <TextInput label="Logo URL" description="https://… or a path on this server" {...text('logoUrl')} />
          <TextInput label="Support link" description="Where customers get help" {...text('supportUrl')} />
          <TextInput
            label="Status host"
            description="e.g. status.example.com; serves the page at /"
            {...text('statusHost')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <ColorInput label="Brand colour" {...color('brandColor')} />
          <ColorInput label="Background colour" {...color('backgroundColor')} />
          <ColorInput label="Text colour" {...color('textColor')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SettingsTab() {
  const settings = useSettings();
  return (
    <Section title="Page settings" description="How the public page looks and where it is served.">
      {settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <SettingsForm key={settings.data.updatedAt} settings={settings.data} />
      )}
    </Section>
  );
}
