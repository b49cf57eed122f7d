import type { AffectedComponent, ComponentStatus } from '@firebreak/shared';
import { Group, Select, Stack, Text } from '@mantine/core';
import { STATUS_OPTIONS } from './presentation.js';
import { useComponents } from './statuspage.api.js';

const NOT_AFFECTED = 'not_affected';

/** One status picker per component; "Not affected" leaves the component out. */
export function AffectedComponentsEditor({
  value,
  onChange,
}: {
  value: AffectedComponent[];
  onChange: (value: AffectedComponent[]) => void;
}) {
  const list = useComponents();
  const components = list.data?.components ?? [];
  if (components.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No components yet: add them on the Components tab.
      </Text>
    );
  }
  const set = (componentId: string, status: string | null) => {
    const rest = value.filter((a) => a.componentId !== componentId);
    onChange(!status || status === NOT_AFFECTED ? rest : [...rest, { componentId, status: status as ComponentStatus }]);
  };
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Affected components
      </Text>
      {components.map((c) => (
        <Group key={c.id} justify="space-between" wrap="nowrap">
          <Text size="sm">{c.name}</Text>
          <Select
            aria-label={`${c.name} shows`}
            size="xs"
            w={210}
            allowDeselect={false}
            data={[{ value: NOT_AFFECTED, label: 'Not affected' }, ...STATUS_OPTIONS]}
            value={value.find((a) => a.componentId === c.id)?.status ?? NOT_AFFECTED}
            onChange={(s) => set(c.id, s)}
          />
        </Group>
      ))}
    </Stack>
  );
}
