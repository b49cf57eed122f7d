import type { IncidentDetail, IncidentRoleType, RoleAssignment } from '@firebreak/shared';
import { ActionIcon, Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { formatDateTime } from '../../components/format.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useAssignRole, useRelieveRole, useRoleTypes } from './incidents.api.js';
import { PersonSelect } from './PersonSelect.js';

const FINISHED = ['closed', 'declined', 'merged'];

/**
 * Who does what. The commander (or an admin) assigns and hands over; handing over a single-holder
 * role relieves the previous holder, and the timeline records both.
 */
export function RolesPanel({ incident }: { incident: IncidentDetail }) {
  const roleTypes = useRoleTypes();
  const relieve = useRelieveRole(incident.number);
  const [assigning, setAssigning] = useState<IncidentRoleType | null>(null);
  const canManage = incident.canManageRoles && !FINISHED.includes(incident.status);
  const known = roleTypes.data ?? [];
  // Someone may hold a custom role an admin has since deleted: still show them.
  const orphans = [...new Set(incident.roles.map((r) => r.role))]
    .filter((key) => !known.some((t) => t.key === key))
    .map((key) => ({ key, name: key.replaceAll('_', ' '), description: '', multiple: true, builtIn: false }));

  return (
    <Section title="Roles" description={canManage ? undefined : 'Only the commander or an admin assigns roles.'}>
      <ProblemAlert error={relieve.error} />
      <Stack gap="sm">
        {[...known, ...orphans].map((type) => {
          const holders = incident.roles.filter((r) => r.role === type.key);
          if (!type.builtIn && holders.length === 0 && !canManage) return null;
          return (
            <Group key={type.key} justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Tooltip label={type.description || type.name} multiline w={260} withArrow>
                  <Text size="xs" c="dimmed" fw={600} tt="uppercase" w="fit-content">
                    {type.name}
                  </Text>
                </Tooltip>
                {holders.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Nobody
                  </Text>
                ) : (
                  holders.map((holder) => (
                    <Holder
                      key={holder.person.id}
                      holder={holder}
                      canRelieve={canManage && !holder.implicit && type.key !== 'commander'}
                      onRelieve={() => relieve.mutate({ role: type.key, userId: holder.person.id })}
                      roleName={type.name}
                    />
                  ))
                )}
              </Stack>
              {canManage && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setAssigning(type)}
                  aria-label={`${actionFor(type, holders)} ${type.name}`}
                >
                  {actionFor(type, holders)}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
      {assigning && (
        <AssignRoleModal
          incident={incident}
          role={assigning}
          holders={incident.roles.filter((r) => r.role === assigning.key)}
          onClose={() => setAssigning(null)}
        />
      )}
    </Section>
  );
}

function actionFor(type: IncidentRoleType, holders: RoleAssignment[]): string {
  if (type.multiple) return 'Add';
  return holders.some((h) => !h.implicit) ? 'Hand over' : 'Assign';
}

function Holder({
  holder,
  canRelieve,
  onRelieve,
  roleName,
}: {
  holder: RoleAssignment;
  canRelieve: boolean;
  onRelieve: () => void;
  roleName: string;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm" fw={500} title={`Since ${formatDateTime(holder.assignedAt)}`} truncate>
        {holder.person.name}
      </Text>
      {holder.implicit && (
        <Text size="xs" c="dimmed">
          (commander, until handed over)
        </Text>
      )}
      {canRelieve && (
        <Tooltip label={`Relieve of ${roleName.toLowerCase()}`}>
          <ActionIcon
            size="xs"
            variant="subtle"
            color="gray"
            onClick={onRelieve}
            aria-label={`Relieve ${holder.person.name} of ${roleName.toLowerCase()}`}
          >
            <IconX size={12} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

function AssignRoleModal({
  incident,
  role,
  holders,
  onClose,
}: {
  incident: IncidentDetail;
  role: IncidentRoleType;
  holders: RoleAssignment[];
  onClose: () => void;
}) {
  const assign = useAssignRole(incident.number);
  const [userId, setUserId] = useState<string | null>(null);
  const errors = fieldErrors(assign.error);
  const current = holders.find((h) => !h.implicit);
  const action = actionFor(role, holders);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (userId) assign.mutate({ role: role.key, userId }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={`${action}: ${role.name}`}>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">
            {role.description}
            {current && !role.multiple && ` ${current.person.name} is relieved once you hand over.`}
          </Text>
          <ProblemAlert error={assign.error} fields={['userId']} />
          <PersonSelect
            label="Person"
            placeholder="Type a name"
            required
            data-autofocus
            exclude={holders.filter((h) => !h.implicit).map((h) => h.person.id)}
            value={userId}
            onChange={setUserId}
            error={errors.userId}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={assign.isPending} disabled={!userId}>
              {action}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
