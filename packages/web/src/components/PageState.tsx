import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from '../api/problems.js';

export function PageLoader() {
  return (
    <Center mih={200} p="xl">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/** A failed load, with the server's explanation and a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Stack p="md" maw={640}>
      <Alert color="red" icon={<IconAlertCircle />} title="Could not load this page" role="alert">
        {errorMessage(error)}
      </Alert>
      {onRetry && (
        <Button variant="default" onClick={onRetry} w="fit-content">
          Try again
        </Button>
      )}
    </Stack>
  );
}
