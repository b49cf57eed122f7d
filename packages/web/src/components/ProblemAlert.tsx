import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { coveredByFields, errorMessage } from '../api/problems.js';

/**
 * The server's `detail` for a failed write. Hidden when every complaint is already shown beside
 * its own field, so the person is not told the same thing twice.
 */
export function ProblemAlert({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  if (!error || coveredByFields(error, fields)) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle />} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
