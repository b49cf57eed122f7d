import type { User } from '@firebreak/shared';
import { Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useUpdateUser } from './directory.api.js';
import { TimeZoneSelect } from './TimeZoneSelect.js';

const FIELDS = ['name', 'email', 'timeZone'] as const;

export function ProfileSection({ user }: { user: User }) {
  const update = useUpdateUser();
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const errors = fieldErrors(update.error);
  const changed = name !== user.name || email !== user.email || timeZone !== user.timeZone;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      id: user.id,
      ...(name !== user.name && { name }),
      ...(email !== user.email && { email }),
      ...(timeZone !== user.timeZone && { timeZone }),
    });
  };

  return (
    <Section title="Profile" description="How teammates see you, and the time zone your schedules are shown in.">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={update.error} fields={FIELDS} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Name"
              required
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <TextInput
              label="Email"
              type="email"
              required
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
            />
            <TimeZoneSelect value={timeZone} onChange={(v) => v && setTimeZone(v)} error={errors.timeZone} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!changed}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
