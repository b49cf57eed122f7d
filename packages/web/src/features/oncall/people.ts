import { useUsers } from '../directory/directory.api.js';

/** Active people as select options, and a name for any id (deactivated ones included). */
export function usePeople() {
  const users = useUsers();
  const nameOf = new Map(users.items.map((u) => [u.id, u.name]));
  return {
    isPending: users.isPending,
    options: users.items.filter((u) => !u.deactivatedAt).map((u) => ({ value: u.id, label: u.name })),
    name: (id: string) => nameOf.get(id) ?? 'Unknown person',
  };
}

// Mantine palette names, neighbours far apart so two people side by side never look alike. Red is
// left out: it marks gaps and "now".
export const PERSON_COLORS = [
  'blue',
  'orange',
  'teal',
  'grape',
  'lime',
  'pink',
  'cyan',
  'yellow',
  'indigo',
  'green',
] as const;
export type PersonColor = (typeof PERSON_COLORS)[number];

/** A stable colour for a person, from their id (where no list gives them a place). */
export function personColor(userId: string): PersonColor {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return PERSON_COLORS[hash % PERSON_COLORS.length] ?? 'blue';
}
