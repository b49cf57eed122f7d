import { z } from 'zod';
import { IsoTime } from '../common/page.js';

const Color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f6feb')
  .describe('Colour as #rrggbb');

export const StatusPageSettings = z.object({
  name: z.string().describe('Organisation name shown on the page'),
  logoUrl: z.string().nullable().describe('Logo image URL (https:// or a path on this server)'),
  brandColor: Color,
  backgroundColor: Color,
  textColor: Color,
  timeZone: z.string().describe('IANA zone the page shows times in'),
  statusHost: z.string().nullable().describe('Host name that serves the page at / (e.g. status.example.com)'),
  supportUrl: z.string().nullable().describe('Where customers get help'),
  updatedAt: IsoTime,
});
export type StatusPageSettings = z.infer<typeof StatusPageSettings>;

const Url = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\//.test(v) || /^\/[^/]/.test(v), 'must be an http(s) URL or a path starting with /');

export const UpdateStatusPageSettingsInput = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  logoUrl: Url.nullable().optional(),
  brandColor: Color.optional(),
  backgroundColor: Color.optional(),
  textColor: Color.optional(),
  timeZone: z.string().max(64).optional(),
  statusHost: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.-]+(:\d+)?$/, 'must be a host name like status.example.com')
    .max(253)
    .nullable()
    .optional(),
  supportUrl: Url.nullable().optional(),
});
export type UpdateStatusPageSettingsInput = z.input<typeof UpdateStatusPageSettingsInput>;
