import { Alert, Stack } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useSignedIn } from '../auth/session.js';
import { PagingProfileSection } from '../paging/PagingProfileSection.js';
import { ContactMethodsSection } from './ContactMethodsSection.js';
import { PasswordSection } from './PasswordSection.js';
import { ProfileSection } from './ProfileSection.js';

export default function ProfilePage() {
  const { user } = useSignedIn();
  const [params] = useSearchParams();
  // A one-time sign-in link lands here: the person has no password yet (or forgot it).
  const welcome = params.get('welcome') === '1';
  return (
    <Stack gap="lg">
      {welcome && (
        <Alert color="orange" icon={<IconKey />} title={`Welcome to Firebreak, ${user.name}`} role="status">
          You signed in with a one-time link. Set a password below so you can sign in next time.
        </Alert>
      )}
      {welcome && <PasswordSection welcome />}
      <ProfileSection user={user} />
      {!welcome && <PasswordSection />}
      <ContactMethodsSection userId={user.id} />
      <PagingProfileSection userId={user.id} />
    </Stack>
  );
}
