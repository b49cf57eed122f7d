import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

export const TeamMemberRole = z.enum(['member', 'manager']).describe('Managers can edit the team and its schedules');

export const TeamMember = z.object({
  userId: Id,
  name: z.string().describe("Member's full name"),
  email: z.string().describe("Member's email address"),
  role: TeamMemberRole,
});
export type TeamMember = z.infer<typeof TeamMember>;

export const Team = z.object({
  id: Id,
  name: z.string().describe('Team name, unique'),
  slug: z.string().describe('URL-safe name'),
  description: z.string().describe('What the team owns'),
  members: z.array(TeamMember),
  createdAt: IsoTime,
});
export type Team = z.infer<typeof Team>;

export const CreateTeamInput = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('Team name, unique'),
  description: z.string().max(2000).default('').describe('What the team owns'),
});
export type CreateTeamInput = z.input<typeof CreateTeamInput>;

export const UpdateTeamInput = z.strictObject({
  name: z.string().trim().min(1).max(100).optional().describe('New name, unique'),
  description: z.string().max(2000).optional().describe('What the team owns'),
});
export type UpdateTeamInput = z.input<typeof UpdateTeamInput>;

export const SetMemberInput = z.strictObject({ role: TeamMemberRole.default('member') });
export type SetMemberInput = z.input<typeof SetMemberInput>;
