import type { ContactMethodInput, Role } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import { addContactMethod } from './commands/add-contact-method.js';
import { createService } from './commands/create-service.js';
import { createTeam } from './commands/create-team.js';
import { createUser } from './commands/create-user.js';
import { setTeamMember } from './commands/set-team-member.js';
import { SYSTEM } from './directory.policy.js';

// A small company's engineering organisation, spread over three continents so schedules,
// hand-offs and "who is awake" look real. Phone numbers are in ranges reserved for fiction.

type DemoTeam = { name: string; description: string };
type DemoPerson = {
  name: string;
  email: string;
  role: Role;
  timeZone: string;
  team?: string;
  manager?: boolean;
  contacts: ContactMethodInput[];
};
type DemoService = { name: string; team: string; description: string };

export const DEMO_TEAMS: DemoTeam[] = [
  { name: 'Payments', description: 'Checkout, payment processing, refunds and the payment provider integrations.' },
  {
    name: 'Platform',
    description: 'Shared infrastructure: sign-in, search, the data pipeline and the website build and hosting.',
  },
  { name: 'Mobile', description: 'The iOS and Android apps, their API and customer notifications.' },
  {
    name: 'Support',
    description:
      'SWAT / engineering support: first line for customer-reported problems, triage and hand-off to owning teams.',
  },
];

const sms = (address: string): ContactMethodInput => ({ kind: 'sms', label: 'Mobile', address });
const voice = (address: string): ContactMethodInput => ({ kind: 'voice', label: 'Mobile (call)', address });
const slack = (handle: string): ContactMethodInput => ({ kind: 'slack', label: 'Slack', address: handle });

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    name: 'Amara Okafor',
    email: 'amara.okafor@example.com',
    role: 'admin',
    timeZone: 'Europe/London',
    team: 'Payments',
    manager: true,
    contacts: [sms('+44 7700 900123'), slack('@amara')],
  },
  {
    name: 'Lukas Schneider',
    email: 'lukas.schneider@example.com',
    role: 'responder',
    timeZone: 'Europe/Berlin',
    team: 'Payments',
    contacts: [sms('+49 30 901820 11'), voice('+49 30 901820 11')],
  },
  {
    name: 'Sofía Herrera',
    email: 'sofia.herrera@example.com',
    role: 'responder',
    timeZone: 'America/Mexico_City',
    team: 'Payments',
    contacts: [sms('+52 55 5000 0142'), slack('@sofia')],
  },
  {
    name: 'Priya Raman',
    email: 'priya.raman@example.com',
    role: 'admin',
    timeZone: 'Asia/Kolkata',
    team: 'Platform',
    manager: true,
    contacts: [sms('+91 98765 43210'), slack('@priya')],
  },
  {
    name: 'Tomasz Nowak',
    email: 'tomasz.nowak@example.com',
    role: 'responder',
    timeZone: 'Europe/Warsaw',
    team: 'Platform',
    contacts: [sms('+48 500 100 200')],
  },
  {
    name: 'Jordan Ellis',
    email: 'jordan.ellis@example.com',
    role: 'responder',
    timeZone: 'America/New_York',
    team: 'Platform',
    contacts: [sms('+1 202 555 0147'), voice('+1 202 555 0147'), slack('@jordan')],
  },
  {
    name: 'Hana Sato',
    email: 'hana.sato@example.com',
    role: 'responder',
    timeZone: 'Asia/Tokyo',
    team: 'Mobile',
    manager: true,
    contacts: [sms('+81 90 1234 5678'), slack('@hana')],
  },
  {
    name: 'Mateo Rossi',
    email: 'mateo.rossi@example.com',
    role: 'responder',
    timeZone: 'Europe/Rome',
    team: 'Mobile',
    contacts: [sms('+39 312 345 6789')],
  },
  {
    name: 'Grace Kim',
    email: 'grace.kim@example.com',
    role: 'responder',
    timeZone: 'America/Los_Angeles',
    team: 'Mobile',
    contacts: [sms('+1 415 555 0199'), slack('@grace')],
  },
  {
    name: 'Wei Chen',
    email: 'wei.chen@example.com',
    role: 'responder',
    timeZone: 'Asia/Singapore',
    team: 'Support',
    manager: true,
    contacts: [sms('+65 8123 4567'), slack('@wei')],
  },
  {
    name: 'Chloé Martin',
    email: 'chloe.martin@example.com',
    role: 'responder',
    timeZone: 'Europe/Paris',
    team: 'Support',
    contacts: [sms('+33 6 12 34 56 78')],
  },
  {
    name: 'Daniel Mensah',
    email: 'daniel.mensah@example.com',
    role: 'responder',
    timeZone: 'America/Chicago',
    team: 'Support',
    contacts: [sms('+1 312 555 0110'), slack('@daniel')],
  },
  {
    name: 'Rachel Goldberg',
    email: 'rachel.goldberg@example.com',
    role: 'viewer',
    timeZone: 'America/Toronto',
    contacts: [slack('@rachel')],
  },
];

export const DEMO_SERVICES: DemoService[] = [
  {
    name: 'checkout-api',
    team: 'Payments',
    description: 'Cart, checkout and order placement API used by the website and the apps.',
  },
  {
    name: 'payments-gateway',
    team: 'Payments',
    description: 'Card authorisations, captures and refunds through our two payment providers.',
  },
  {
    name: 'web-frontend',
    team: 'Platform',
    description: 'The customer-facing website and storefront, rendered on the server and served through the CDN.',
  },
  {
    name: 'mobile-api',
    team: 'Mobile',
    description: 'Backend-for-frontend serving the iOS and Android apps.',
  },
  {
    name: 'auth-service',
    team: 'Platform',
    description: 'Customer and staff sign-in, sessions, password resets and OAuth.',
  },
  {
    name: 'search',
    team: 'Platform',
    description: 'Product search and autocomplete: the query service and its search cluster.',
  },
  {
    name: 'notifications',
    team: 'Mobile',
    description: 'Transactional email, SMS and push notifications to customers (order updates, receipts).',
  },
  {
    name: 'data-pipeline',
    team: 'Platform',
    description: 'Event ingestion and the nightly batch jobs feeding reporting and the warehouse.',
  },
];

/**
 * Seeds the demo organisation: four teams, thirteen people with contact methods across
 * Europe, the Americas and Asia, and eight services with their owning teams.
 * Everything is written through the directory's own commands, as the system.
 *
 * @example
 * await seedDirectory(ctx); // the directory module's `demo`
 */
export async function seedDirectory(ctx: AppContext): Promise<void> {
  const teamIds = new Map<string, string>();
  for (const team of DEMO_TEAMS) {
    const created = await createTeam(ctx, team, SYSTEM);
    teamIds.set(team.name, created.id);
  }
  for (const person of DEMO_PEOPLE) {
    const user = await createUser(
      ctx,
      { name: person.name, email: person.email, role: person.role, timeZone: person.timeZone },
      SYSTEM,
    );
    for (const contact of person.contacts) await addContactMethod(ctx, user.id, contact, SYSTEM);
    if (person.team) {
      await setTeamMember(
        ctx,
        teamIds.get(person.team)!,
        user.id,
        { role: person.manager ? 'manager' : 'member' },
        SYSTEM,
      );
    }
  }
  for (const service of DEMO_SERVICES) {
    await createService(
      ctx,
      { name: service.name, description: service.description, teamId: teamIds.get(service.team)! },
      SYSTEM,
    );
  }
}
