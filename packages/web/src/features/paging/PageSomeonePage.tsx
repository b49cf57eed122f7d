import type { CreatePageInput, PageUrgency } from '@firebreak/shared';
import {
  Button,
  Group,
  MultiSelect,
  Paper,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useTeams } from '../directory/directory.api.js';
import { usePolicies } from '../oncall/oncall.api.js';
import { usePeople } from '../oncall/people.js';
import { useCreatePage } from './paging.api.js';

type Target = 'people' | 'team' | 'policy';
const FIELDS = ['userIds', 'teamId', 'policyId', 'summary', 'details', 'urgency'] as const;

/** `/pages/new`: page a person, a team or an escalation policy by hand. */
export default function PageSomeonePage() {
  const navigate = useNavigate();
  const people = usePeople();
  const teams = useTeams();
  const policies = usePolicies();
  const create = useCreatePage();
  const [target, setTarget] = useState<Target>('people');
  const [userIds, setUserIds] = useState<string[]>([]);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [policyId, setPolicyId] = useState<string | null>(null);
  const [urgency, setUrgency] = useState<PageUrgency>('high');
  const [summary, setSummary] = useState('');
  const [details, setDetails] = useState('');
  const errors = fieldErrors(create.error);

  const chosen = target === 'people' ? userIds.length > 0 : target === 'team' ? teamId !== null : policyId !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: CreatePageInput = {
      summary,
      details,
      urgency,
      ...(target === 'people' ? { userIds } : target === 'team' ? { teamId: teamId! } : { policyId: policyId! }),
    };
    create.mutate(input, { onSuccess: (page) => navigate(`/pages/${page.id}`) });
  };

  return (
    <Stack gap="md" maw={760}>
      <Title order={1} size="h2">
        Page someone
      </Title>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} aria-label="Page someone">
          <Stack gap="md">
            <ProblemAlert error={create.error} fields={FIELDS} />
            <Radio.Group
              label="Who"
              value={target}
              onChange={(v) => setTarget(v as Target)}
              description="A policy reaches whoever is on call and escalates; people and teams without a policy are paged once."
            >
              <Group mt="xs">
                <Radio value="people" label="Specific people" />
                <Radio value="team" label="A team" />
                <Radio value="policy" label="An escalation policy" />
              </Group>
            </Radio.Group>
            {target === 'people' && (
              <MultiSelect
                label="People"
                placeholder="Pick one or more"
                data={people.options}
                value={userIds}
                onChange={setUserIds}
                searchable
                required
                error={errors.userIds}
              />
            )}
            {target === 'team' && (
              <Select
                label="Team"
                placeholder="Pick a team"
                data={teams.items.map((t) => ({ value: t.id, label: t.name }))}
                value={teamId}
                onChange={setTeamId}
                searchable
                required
                error={errors.teamId}
              />
            )}
            {target === 'policy' && (
              <Select
                label="Escalation policy"
                placeholder="Pick a policy"
                data={policies.items.map((p) => ({ value: p.id, label: p.name }))}
                value={policyId}
                onChange={setPolicyId}
                searchable
                required
                error={errors.policyId}
              />
            )}
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Urgency
              </Text>
              <SegmentedControl
                aria-label="Urgency"
                value={urgency}
                onChange={(v) => setUrgency(v as PageUrgency)}
                data={[
                  { value: 'high', label: 'High: now, any hour' },
                  { value: 'low', label: 'Low: in working hours' },
                ]}
              />
            </Stack>
            <TextInput
              label="Summary"
              placeholder="Checkout errors above 5% since 14:02"
              required
              maxLength={300}
              value={summary}
              onChange={(e) => setSummary(e.currentTarget.value)}
              error={errors.summary}
            />
            <Textarea
              label="Details"
              description="Shown in every notification: what you see, links, what you need."
              autosize
              minRows={3}
              value={details}
              onChange={(e) => setDetails(e.currentTarget.value)}
              error={errors.details}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => navigate('/pages')}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={create.isPending} disabled={!chosen || !summary.trim()}>
                Page now
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
