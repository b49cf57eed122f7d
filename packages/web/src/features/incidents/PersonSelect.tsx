import { Select, type SelectProps } from '@mantine/core';
import { useUsers } from '../directory/directory.api.js';

/** Picks an active person by name (or email); deactivated accounts cannot take a role. */
export function PersonSelect({ exclude = [], ...props }: Omit<SelectProps, 'data'> & { exclude?: readonly string[] }) {
  const users = useUsers();
  const data = users.items
    .filter((u) => !u.deactivatedAt && !exclude.includes(u.id))
    .map((u) => ({ value: u.id, label: u.name, email: u.email }));
  return (
    <Select
      searchable
      nothingFoundMessage={users.isPending ? 'Loading people…' : 'Nobody by that name'}
      filter={({ options, search }) => {
        const q = search.trim().toLowerCase();
        return options.filter((o) => {
          if (!('value' in o)) return false;
          const person = data.find((d) => d.value === o.value);
          return !q || o.label.toLowerCase().includes(q) || (person?.email.toLowerCase().includes(q) ?? false);
        });
      }}
      data={data.map(({ value, label }) => ({ value, label }))}
      {...props}
    />
  );
}
