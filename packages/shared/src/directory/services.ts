import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

export const Service = z.object({
  id: Id,
  name: z.string().describe('Service name, unique'),
  slug: z.string().describe('URL-safe name'),
  description: z.string().describe('What the service does'),
  teamId: Id.nullable().describe('Owning team; customer reports and alerts go to it'),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Service = z.infer<typeof Service>;

export const CreateServiceInput = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('Service name, unique'),
  description: z.string().max(2000).default('').describe('What the service does'),
  teamId: Id.nullable().default(null).describe('Owning team id'),
});
export type CreateServiceInput = z.input<typeof CreateServiceInput>;

export const UpdateServiceInput = z.strictObject({
  name: z.string().trim().min(1).max(100).optional().describe('New name, unique'),
  description: z.string().max(2000).optional().describe('What the service does'),
  teamId: Id.nullable().optional().describe('Owning team id; null for none'),
});
export type UpdateServiceInput = z.input<typeof UpdateServiceInput>;
