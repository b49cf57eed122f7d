import { Button, Group, PasswordInput, SimpleGrid, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { useChangePassword } from './directory.api.js';

const MIN_LENGTH = 12;
const FIELDS = ['currentPassword', 'newPassword'] as const;

/**
 * Sets or changes the password. A session started from a one-time link (`viaLink`) needs no current
 * password: the person may never have had one, or has forgotten it.
 */
export function PasswordSection({ welcome = false }: { welcome?: boolean }) {
  const { viaLink } = useSignedIn();
  const change = useChangePassword();
  const [, setParams] = useSearchParams();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const errors = fieldErrors(change.error);
  const tooShort = next.length > 0 && next.length < MIN_LENGTH;
  const mismatch = repeat.length > 0 && repeat !== next;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { ...(!viaLink && { currentPassword: current }), newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          if (welcome) setParams({}, { replace: true });
        },
      },
    );
  };

  return (
    <Section
      title={welcome || viaLink ? 'Set your password' : 'Password'}
      description={`At least ${MIN_LENGTH} characters. A passphrase of a few words is easy to remember and hard to guess.`}
    >
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={change.error} fields={FIELDS} />
          <SimpleGrid cols={{ base: 1, sm: viaLink ? 2 : 3 }}>
            {!viaLink && (
              <PasswordInput
                label="Current password"
                autoComplete="current-password"
                required
                value={current}
                onChange={(e) => setCurrent(e.currentTarget.value)}
                error={errors.currentPassword}
              />
            )}
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              required
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
              error={errors.newPassword ?? (tooShort ? `Use at least ${MIN_LENGTH} characters` : undefined)}
            />
            <PasswordInput
              label="Repeat new password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={mismatch ? 'Does not match the new password' : undefined}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={change.isPending}
              disabled={next.length < MIN_LENGTH || next !== repeat || (!viaLink && !current)}
            >
              {viaLink ? 'Set password' : 'Change password'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
