import { Paper, Stack, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { DeclareIncidentForm } from './DeclareIncidentForm.js';

/** `/incidents/declare`: the same form as a page, for a bookmark or a link in a runbook. */
export default function DeclareIncidentPage() {
  const navigate = useNavigate();
  return (
    <Stack gap="md" maw={760}>
      <Title order={1} size="h2">
        Declare an incident
      </Title>
      <Paper withBorder p="lg" radius="md">
        <DeclareIncidentForm onCancel={() => navigate('/incidents')} />
      </Paper>
    </Stack>
  );
}
