import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
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
            <Text size="sm" c="dimmed" ta="center">
              No password yet? Ask an admin for a one-time sign-in link.
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
