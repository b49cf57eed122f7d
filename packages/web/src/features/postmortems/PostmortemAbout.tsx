import type { PostmortemDetail } from '@firebreak/shared';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** The facts beside the sections: who owns it, when it is due and discussed, who writes it. */
export function PostmortemAbout({ pm }: { pm: PostmortemDetail }) {
  return (
    <Section title="About">
      <Stack gap="sm">
        <Fact label="Owner">{pm.owner?.name ?? 'Nobody'}</Fact>
        <Fact label="Draft due">
          <Text span size="sm" c={pm.overdue && pm.status === 'draft' ? 'red' : undefined}>
            {formatDateTime(pm.dueAt)}
          </Text>
        </Fact>
        {pm.publishDueAt && <Fact label="Publication due">{formatDateTime(pm.publishDueAt)}</Fact>}
        <Fact label="Review meeting">{formatDateTime(pm.reviewMeetingAt)}</Fact>
        {pm.publishedAt && <Fact label="Published">{formatDateTime(pm.publishedAt)}</Fact>}
        <Fact label="Services">{pm.incident.services.map((s) => s.name).join(', ') || '—'}</Fact>
        {pm.tags.length > 0 && (
          <Fact label="Tags">
            <Group gap={4}>
              {pm.tags.map((t) => (
                <Badge key={t} size="sm" variant="outline" color="gray">
                  #{t}
                </Badge>
              ))}
            </Group>
          </Fact>
        )}
        <Fact label={`Contributors (${pm.contributors.length})`}>
          <Stack gap={2}>
            {pm.contributors.map((c) => (
              <Text key={c.person.id} size="sm">
                {c.person.name}{' '}
                <Text span size="xs" c="dimmed">
                  {c.reason}
                </Text>
              </Text>
            ))}
          </Stack>
        </Fact>
        <Fact label="Sections">
          <Stack gap={0}>
            {pm.sections.map((s) => (
              <Anchor key={s.key} href={`#section-${s.key}`} size="sm">
                {s.title}
              </Anchor>
            ))}
          </Stack>
        </Fact>
      </Stack>
    </Section>
  );
}
