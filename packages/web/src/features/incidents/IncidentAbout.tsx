import type { IncidentDetail } from '@firebreak/shared';
import { Blockquote, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

/** What the incident is about: summary, impact, the original customer report and key times. */
export function IncidentAbout({ incident }: { incident: IncidentDetail }) {
  return (
    <Section title="About">
      <Field label="Summary">{incident.summary || '—'}</Field>
      <Field label="Impact">
        {incident.impact || '—'}
        {incident.usersAffected != null && (
          <Text size="sm" c="dimmed">
            About {incident.usersAffected.toLocaleString()} users affected
          </Text>
        )}
      </Field>
      {incident.report && (
        <Field label={`Reported by ${incident.report.customer}`}>
          <Blockquote p="xs" color="violet">
            {incident.report.observed}
          </Blockquote>
        </Field>
      )}
      <Field label="Key times">
        Detected {formatDateTime(incident.detectedAt)}
        <br />
        Declared {formatDateTime(incident.declaredAt)}
        {incident.mitigatedAt && (
          <>
            <br />
            Mitigated {formatDateTime(incident.mitigatedAt)}
          </>
        )}
        {incident.resolvedAt && (
          <>
            <br />
            Resolved {formatDateTime(incident.resolvedAt)}
          </>
        )}
      </Field>
    </Section>
  );
}
