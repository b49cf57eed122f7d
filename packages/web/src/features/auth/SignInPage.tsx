import type { AuthProviders } from '@firebreak/shared';
import { Alert, Button, Center, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.js';
import { errorMessage } from '../../api/problems.js';
import { BrandMark } from '../layout/BrandMark.js';
import { safeNext, useSession, useSignIn } from './session.js';

export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const session = useSession();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const providers = useQuery({
    queryKey: ['auth', 'providers'],
    queryFn: () => api.get<AuthProviders>('/api/v1/auth/providers'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const sso = providers.data?.oidc;

  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => navigate(next, { replace: true }) });
  };

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" radius="md" p="xl" w="100%" maw={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Stack gap={4} align="center">
              <BrandMark size={40} />
              <Title order={1} size="h2">
                Sign in to Firebreak
              </Title>
            </Stack>
            {signIn.isError && (
              <Alert color="red" icon={<IconAlertCircle />} title="Could not sign in" role="alert">
                {errorMessage(signIn.error)}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={signIn.isPending} disabled={!email || !password} fullWidth>
              Sign in
            </Button>
            {sso && (
              <>
                <Divider label="or" labelPosition="center" />
                {/* A full page load, not client routing: the identity provider's pages are elsewhere. */}
                <Button
                  component="a"
                  href={`${sso.startUrl}?next=${encodeURIComponent(next)}`}
                  variant="default"
                  fullWidth
                >
                  Sign in with single sign-on
                </Button>
              </>
            )}
            <Text size="sm" c="dimmed" ta="center">
              No password yet? Ask an admin for a one-time sign-in link.
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
