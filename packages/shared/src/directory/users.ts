import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';
import { Role } from './roles.js';

export const CONTACT_KINDS = ['email', 'sms', 'voice', 'webhook', 'slack', 'ntfy'] as const;
export const ContactKind = z.enum(CONTACT_KINDS).describe('How to reach the person');

export const TimeZone = z
  .string()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone name such as Europe/Berlin')
  .describe('IANA time zone name, e.g. Europe/Berlin');

export const ContactMethod = z.object({
  id: Id,
  kind: ContactKind,
  label: z.string().describe('Name the person gave it, e.g. "work phone"'),
  address: z.string().describe('Email address, phone number, URL or handle, depending on kind'),
  verified: z.boolean().describe('True once a test notification reached the person'),
  createdAt: IsoTime,
});
export type ContactMethod = z.infer<typeof ContactMethod>;

export const ContactMethodInput = z.strictObject({
  kind: ContactKind,
  label: z.string().trim().min(1).max(100).describe('Name for this method'),
  address: z.string().trim().min(1).max(500).describe('Email address, phone number, URL or handle'),
});
export type ContactMethodInput = z.infer<typeof ContactMethodInput>;

export const User = z.object({
  id: Id,
  name: z.string().describe('Full name'),
  email: z.string().describe('Sign-in email address'),
  role: Role,
  timeZone: z.string().describe('IANA time zone name'),
  contactMethods: z.array(ContactMethod).describe('Ways to reach the person'),
  createdAt: IsoTime,
  deactivatedAt: IsoTime.nullable().describe('Set when the account was deactivated'),
});
export type User = z.infer<typeof User>;

export const Email = z
  .email()
  .max(320)
  .transform((e) => e.toLowerCase());

export const CreateUserInput = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('Full name'),
  email: Email.describe('Sign-in email address, unique'),
  role: Role.default('responder'),
  timeZone: TimeZone.default('UTC'),
  password: z.string().min(12).max(200).optional().describe('At least 12 characters; omit to invite without one'),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

export const UpdateUserInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional().describe('Full name'),
  email: Email.optional().describe('Sign-in email address (admins only)'),
  role: Role.optional().describe('Only admins may change roles'),
  timeZone: TimeZone.optional(),
  deactivated: z.boolean().optional().describe('Deactivate or reactivate the account (admins only)'),
});
export type UpdateUserInput = z.input<typeof UpdateUserInput>;

export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().max(200).optional().describe('Required unless signed in through a one-time link'),
  newPassword: z.string().min(12).max(200).describe('At least 12 characters'),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;
