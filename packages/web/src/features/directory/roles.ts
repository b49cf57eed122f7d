import type { Role } from '@firebreak/shared';

export const ROLE_OPTIONS: { value: Role; label: string; description: string }[] = [
  { value: 'viewer', label: 'Viewer', description: 'Reads everything, changes nothing' },
  { value: 'responder', label: 'Responder', description: 'Acts on incidents, alerts and pages' },
  { value: 'admin', label: 'Admin', description: 'Everything, including people and settings' },
];

export const ROLE_COLORS: Record<Role, string> = { viewer: 'gray', responder: 'blue', admin: 'grape' };
