import type { Access } from '../../src/http/access.js';

/**
 * One row per route: who may call it. The matrix test (authorization-matrix.test.ts) collects every
 * registered route and fails on a route missing here, on a route whose declared `config.access`
 * differs from its row, and on a request whose answer does not match the row:
 *
 * - `public`: nobody is refused at the door; `viewer` < `responder` < `admin`: anonymous gets 401,
 *   a lower role 403; a read-scope API token may only GET (403 `token_read_only` otherwise).
 * - `privateIncident`: the route acts on one incident; a private one answers a non-participant
 *   exactly like an incident that does not exist (404). `body` is a valid request body, so the
 *   check reaches the incident instead of stopping at validation.
 * - `alsoChecks`: the handler has a finer rule than the role (the person themselves, a team
 *   manager…), so a 403 from the handler is expected for some people who pass the route's door.
 * - `@statusHost`: served only on the status page's own host name; checked for its declared
 *   access, not called.
 *
 * New route? Add `'METHOD /path': 'access'` here, next to its siblings.
 */
export type MatrixEntry =
  | Access
  | { access: Access; privateIncident?: true; body?: Record<string, unknown>; alsoChecks?: string };

export const AUTHORIZATION_MATRIX: Record<string, MatrixEntry> = {
  // /api/v1/analytics
  'GET /api/v1/analytics/summary': 'viewer',
  'GET /api/v1/analytics/dashboard': 'viewer',
  'GET /api/v1/analytics/incidents': 'viewer',
  'GET /api/v1/analytics/response': 'viewer',
  'GET /api/v1/analytics/cadence': 'viewer',
  'GET /api/v1/analytics/oncall-load': 'viewer',
  'GET /api/v1/analytics/postmortems': 'viewer',
  // outside /api/v1: /api
  'GET /api/openapi.json': 'public',

  // outside /api/v1: /metrics
  'GET /metrics': 'public',

  // outside /api/v1: /healthz
  'GET /healthz': 'public',

  // outside /api/v1: /readyz
  'GET /readyz': 'public',

  // /api/v1/auth
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/me': 'viewer',

  // /api/v1/users
  'PUT /api/v1/users/me/password': 'viewer',
  'GET /api/v1/users': 'viewer',
  'POST /api/v1/users': 'admin',
  'GET /api/v1/users/:id': 'viewer',
  'PATCH /api/v1/users/:id': { access: 'viewer', alsoChecks: 'the person themselves, or an admin' },
  'GET /api/v1/users/:id/contact-methods': 'viewer',
  'POST /api/v1/users/:id/contact-methods': 'viewer',
  'DELETE /api/v1/users/:id/contact-methods/:methodId': {
    access: 'viewer',
    alsoChecks: 'the person themselves, or an admin',
  },
  'POST /api/v1/users/:id/sign-in-link': 'admin',

  // /api/v1/teams
  'GET /api/v1/teams': 'viewer',
  'POST /api/v1/teams': 'admin',
  'GET /api/v1/teams/:id': 'viewer',
  'PATCH /api/v1/teams/:id': 'responder',
  'DELETE /api/v1/teams/:id': 'admin',
  'PUT /api/v1/teams/:id/members/:userId': 'responder',
  'DELETE /api/v1/teams/:id/members/:userId': 'responder',

  // /api/v1/services
  'GET /api/v1/services': 'viewer',
  'POST /api/v1/services': 'responder',
  'GET /api/v1/services/:id': 'viewer',
  'PATCH /api/v1/services/:id': 'responder',
  'DELETE /api/v1/services/:id': 'admin',

  // /api/v1/tokens
  'GET /api/v1/tokens': 'viewer',
  'POST /api/v1/tokens': 'viewer',
  'DELETE /api/v1/tokens/:id': 'viewer',

  // /api/v1/schedules
  'GET /api/v1/schedules': 'viewer',
  'POST /api/v1/schedules': 'responder',
  'GET /api/v1/schedules/:id': 'viewer',
  'PATCH /api/v1/schedules/:id': 'responder',
  'DELETE /api/v1/schedules/:id': 'responder',
  'POST /api/v1/schedules/:id/layers': 'responder',
  'PATCH /api/v1/schedules/:id/layers/:layerId': 'responder',
  'DELETE /api/v1/schedules/:id/layers/:layerId': 'responder',
  'GET /api/v1/schedules/:id/shifts': 'viewer',
  'GET /api/v1/schedules/:id/gaps': 'viewer',
  'GET /api/v1/schedules/:id/overrides': 'viewer',
  'POST /api/v1/schedules/:id/overrides': 'responder',
  'DELETE /api/v1/schedules/:id/overrides/:overrideId': 'responder',
  'POST /api/v1/schedules/:id/take-over': 'responder',
  'GET /api/v1/schedules/:id/swaps': 'viewer',
  'POST /api/v1/schedules/:id/swaps': 'responder',
  'POST /api/v1/schedules/:id/swaps/:swapId/answer': 'responder',
  'POST /api/v1/schedules/:id/calendar-feed': 'responder',

  // /api/v1/escalation-policies
  'GET /api/v1/escalation-policies': 'viewer',
  'POST /api/v1/escalation-policies': 'responder',
  'GET /api/v1/escalation-policies/:id': 'viewer',
  'PUT /api/v1/escalation-policies/:id': 'responder',
  'DELETE /api/v1/escalation-policies/:id': 'responder',
  'GET /api/v1/escalation-policies/services/:serviceId': 'viewer',
  'PUT /api/v1/escalation-policies/services/:serviceId': 'responder',

  // /api/v1/oncall
  'GET /api/v1/oncall': 'viewer',
  'GET /api/v1/oncall/gaps': 'viewer',
  'POST /api/v1/oncall/calendar-feed': 'viewer',

  // /api/v1/severities
  'GET /api/v1/severities': 'viewer',
  'GET /api/v1/severities/:key': 'viewer',
  'POST /api/v1/severities': 'admin',
  'PATCH /api/v1/severities/:key': 'admin',
  'DELETE /api/v1/severities/:key': 'admin',

  // /api/v1/incident-roles
  'GET /api/v1/incident-roles': 'viewer',
  'POST /api/v1/incident-roles': 'admin',
  'DELETE /api/v1/incident-roles/:key': 'admin',

  // /api/v1/incidents
  'GET /api/v1/incidents/events': 'viewer',
  'GET /api/v1/incidents/:id/events': { access: 'viewer', privateIncident: true },
  'GET /api/v1/incidents': 'viewer',
  'GET /api/v1/incidents/counts': 'viewer',
  'GET /api/v1/incidents/export': 'viewer',
  'GET /api/v1/incidents/similar': 'viewer',
  'POST /api/v1/incidents': 'responder',
  'POST /api/v1/incidents/reports': 'viewer',
  'GET /api/v1/incidents/:id': { access: 'viewer', privateIncident: true },
  'PATCH /api/v1/incidents/:id': { access: 'responder', privateIncident: true, body: { version: 1, title: 'Renamed' } },
  'POST /api/v1/incidents/:id/status': { access: 'responder', privateIncident: true, body: { status: 'identified' } },
  'POST /api/v1/incidents/:id/severity': {
    access: 'responder',
    privateIncident: true,
    body: { severity: 'sev1', reason: 'Worse than thought' },
  },
  'POST /api/v1/incidents/:id/triage/accept': {
    access: 'responder',
    privateIncident: true,
    body: { severity: 'sev2' },
  },
  'POST /api/v1/incidents/:id/triage/decline': {
    access: 'responder',
    privateIncident: true,
    body: { reason: 'Not an incident' },
  },
  'POST /api/v1/incidents/:id/triage/merge': { access: 'responder', privateIncident: true, body: { into: 'INC-1' } },
  'GET /api/v1/incidents/:id/timeline': { access: 'viewer', privateIncident: true },
  'POST /api/v1/incidents/:id/notes': {
    access: 'responder',
    privateIncident: true,
    body: { text: 'Rolled back the deploy' },
  },
  'PUT /api/v1/incidents/:id/timeline/:entryId/pin': { access: 'responder', privateIncident: true },
  'DELETE /api/v1/incidents/:id/timeline/:entryId/pin': { access: 'responder', privateIncident: true },
  'POST /api/v1/incidents/:id/timeline/:entryId/retract': { access: 'responder', privateIncident: true, body: {} },
  'GET /api/v1/incidents/:id/roles': { access: 'viewer', privateIncident: true },
  'POST /api/v1/incidents/:id/roles': { access: 'responder', privateIncident: true },
  'DELETE /api/v1/incidents/:id/roles/:role/:userId': { access: 'responder', privateIncident: true },
  'GET /api/v1/incidents/:id/decisions': { access: 'viewer', privateIncident: true },
  'POST /api/v1/incidents/:id/decisions': {
    access: 'responder',
    privateIncident: true,
    body: { question: 'Roll back?', options: [{ name: 'yes' }], choice: 'yes' },
  },
  'GET /api/v1/incidents/:id/updates': { access: 'viewer', privateIncident: true },
  'POST /api/v1/incidents/:id/updates': {
    access: 'responder',
    privateIncident: true,
    body: { currentStatus: 'Rolling back' },
  },
  'GET /api/v1/incidents/:id/subscribers': { access: 'viewer', privateIncident: true },
  'POST /api/v1/incidents/:id/subscribers': { access: 'viewer', privateIncident: true, body: {} },
  'DELETE /api/v1/incidents/:id/subscribers/:userId': { access: 'viewer', privateIncident: true },

  // /api/v1/pages
  'GET /api/v1/pages': 'viewer',
  'POST /api/v1/pages': 'responder',
  'GET /api/v1/pages/:id': 'viewer',
  'POST /api/v1/pages/:id/ack': 'responder',
  'POST /api/v1/pages/:id/resolve': 'responder',
  'POST /api/v1/pages/:id/escalate': 'responder',
  'POST /api/v1/pages/:id/reassign': 'responder',

  // /api/v1/me
  'GET /api/v1/me/notification-rules': 'viewer',
  'PUT /api/v1/me/notification-rules': 'viewer',
  'GET /api/v1/me/working-hours': 'viewer',
  'PUT /api/v1/me/working-hours': 'viewer',
  'POST /api/v1/me/contact-methods/:id/test': 'viewer',
  'GET /api/v1/me/contact-method-checks': 'viewer',
  'GET /api/v1/me/contact-methods/:id/signing-secret': 'viewer',
  'POST /api/v1/me/contact-methods/:id/signing-secret/rotate': 'viewer',
  'POST /api/v1/me/contact-methods/:id/signing-secret/finish-rotation': 'viewer',
  'GET /api/v1/me/inbox': 'viewer',
  'POST /api/v1/me/inbox/:id/read': 'viewer',

  // /api/v1/paging
  'GET /api/v1/paging/readiness': 'viewer',
  'GET /api/v1/paging/failing-contact-methods': 'admin',

  // /api/v1/integrations
  'GET /api/v1/integrations': 'viewer',
  'POST /api/v1/integrations': 'responder',
  'GET /api/v1/integrations/:id': 'viewer',
  'PATCH /api/v1/integrations/:id': 'responder',
  'DELETE /api/v1/integrations/:id': 'admin',
  'POST /api/v1/integrations/:id/rotate-key': 'responder',
  'POST /api/v1/integrations/:id/test': 'responder',

  // /api/v1/alerts
  'GET /api/v1/alerts': 'viewer',
  'GET /api/v1/alerts/:id': 'viewer',
  'POST /api/v1/alerts/ack': 'responder',
  'POST /api/v1/alerts/:id/ack': 'responder',

  // /api/v1/alert-groups
  'POST /api/v1/alert-groups/ack': 'responder',
  'POST /api/v1/alert-groups/:id/ack': 'responder',

  // /api/v1/alerts
  'POST /api/v1/alerts/resolve': 'responder',
  'POST /api/v1/alerts/:id/resolve': 'responder',

  // /api/v1/alert-groups
  'POST /api/v1/alert-groups/resolve': 'responder',
  'POST /api/v1/alert-groups/:id/resolve': 'responder',

  // /api/v1/alerts
  'POST /api/v1/alerts/feedback': 'responder',
  'POST /api/v1/alerts/:id/feedback': 'responder',

  // /api/v1/alert-groups
  'GET /api/v1/alert-groups': 'viewer',
  'GET /api/v1/alert-groups/:id': 'viewer',
  'POST /api/v1/alert-groups/:id/promote': 'responder',

  // /api/v1/maintenance-windows
  'GET /api/v1/maintenance-windows': 'viewer',
  'POST /api/v1/maintenance-windows': 'responder',
  'POST /api/v1/maintenance-windows/:id/end': 'responder',

  // /api/v1/change-events
  'GET /api/v1/change-events': 'viewer',

  // /api/v1/postmortems
  'GET /api/v1/postmortems/templates': 'viewer',
  'POST /api/v1/postmortems/templates': 'admin',
  'PATCH /api/v1/postmortems/templates/:templateId': 'admin',
  'DELETE /api/v1/postmortems/templates/:templateId': 'admin',
  'GET /api/v1/postmortems/due-rules': 'viewer',
  'PUT /api/v1/postmortems/due-rules/:severity': 'admin',
  'GET /api/v1/postmortems': 'viewer',
  'GET /api/v1/postmortems/overdue': 'viewer',
  'POST /api/v1/postmortems': 'responder',
  'GET /api/v1/postmortems/:id': 'viewer',
  'PATCH /api/v1/postmortems/:id': 'responder',
  'POST /api/v1/postmortems/:id/status': 'responder',
  'PUT /api/v1/postmortems/:id/sections/:key': 'responder',
  'POST /api/v1/postmortems/:id/timeline': 'responder',
  'PATCH /api/v1/postmortems/:id/timeline/:entryId': 'responder',
  'DELETE /api/v1/postmortems/:id/timeline/:entryId': 'responder',
  'POST /api/v1/postmortems/:id/five-whys': 'responder',
  'PUT /api/v1/postmortems/:id/five-whys/:chainId': 'responder',
  'DELETE /api/v1/postmortems/:id/five-whys/:chainId': 'responder',
  'POST /api/v1/postmortems/:id/factors': 'responder',
  'DELETE /api/v1/postmortems/:id/factors/:factorId': 'responder',
  'GET /api/v1/postmortems/:id/comments': 'viewer',
  'POST /api/v1/postmortems/:id/comments': 'responder',
  'POST /api/v1/postmortems/:id/comments/:commentId/resolve': 'responder',
  'POST /api/v1/postmortems/:id/contributors': 'responder',
  'POST /api/v1/postmortems/:id/blameless-check': 'viewer',
  'GET /api/v1/postmortems/:id/export': 'viewer',

  // /api/v1/action-items
  'GET /api/v1/action-items': 'viewer',
  'GET /api/v1/action-items/overdue-summary': 'viewer',
  'POST /api/v1/action-items': 'responder',
  'POST /api/v1/action-items/reassign': 'admin',
  'GET /api/v1/action-items/:id': 'viewer',
  'PATCH /api/v1/action-items/:id': 'responder',

  // /api/v1/status
  'GET /api/v1/status/internal': 'viewer',
  'GET /api/v1/status/settings': 'viewer',
  'PATCH /api/v1/status/settings': 'admin',
  'GET /api/v1/status/components': 'viewer',
  'POST /api/v1/status/components': 'admin',
  'PATCH /api/v1/status/components/:id': 'admin',
  'DELETE /api/v1/status/components/:id': 'admin',
  'POST /api/v1/status/groups': 'admin',
  'PATCH /api/v1/status/groups/:id': 'admin',
  'DELETE /api/v1/status/groups/:id': 'admin',
  'GET /api/v1/status/incidents': 'viewer',
  'GET /api/v1/status/incidents/:id': 'viewer',
  'POST /api/v1/status/incidents': 'responder',
  'POST /api/v1/status/incidents/:id/updates/preview': 'responder',
  'POST /api/v1/status/incidents/:id/updates': 'responder',
  'POST /api/v1/status/incidents/:id/resolve': 'responder',
  'GET /api/v1/status/incidents/:id/report': 'viewer',
  'POST /api/v1/status/incidents/:id/report/draft': 'responder',
  'PATCH /api/v1/status/incidents/:id/report': 'responder',
  'POST /api/v1/status/incidents/:id/report/review': 'responder',
  'POST /api/v1/status/incidents/:id/report/publish': 'responder',
  'GET /api/v1/status/maintenance': 'viewer',
  'POST /api/v1/status/maintenance': 'admin',
  'POST /api/v1/status/maintenance/:id/updates': 'admin',
  'GET /api/v1/status/subscribers': 'admin',
  'POST /api/v1/status/subscribers': 'admin',
  'DELETE /api/v1/status/subscribers/:id': 'admin',
  'POST /api/v1/status/subscribers/:id/signing-secret/rotate': 'admin',
  'POST /api/v1/status/subscribers/:id/signing-secret/finish-rotation': 'admin',

  // /api/v1/audit
  'GET /api/v1/audit': 'admin',
  'GET /api/v1/audit/verify': 'admin',

  // /api/v1/chat
  'GET /api/v1/chat/workspaces': 'admin',
  'POST /api/v1/chat/workspaces': 'admin',
  'PATCH /api/v1/chat/workspaces/:id': 'admin',
  'DELETE /api/v1/chat/workspaces/:id': 'admin',
  'GET /api/v1/chat/slack-app': 'admin',
  'GET /api/v1/chat/links/me': 'viewer',
  'POST /api/v1/chat/links': 'viewer',
  'DELETE /api/v1/chat/links/me': 'viewer',

  // outside /api/v1: /auth
  'GET /auth/link': 'public',

  // /api/v1/auth
  'GET /api/v1/auth/providers': 'public',

  // outside /api/v1: /auth
  'GET /auth/oidc/start': 'public',
  'GET /auth/oidc/callback': 'public',

  // outside /api/v1: /calendars
  'GET /calendars/schedules/:id/:token': 'public',
  'GET /calendars/people/:id/:token': 'public',

  // outside /api/v1: /api
  'GET /api/v2/summary.json': 'public',
  'GET /api/v2/status.json': 'public',
  'GET /api/v2/components.json': 'public',
  'GET /api/v2/incidents.json': 'public',
  'GET /api/v2/incidents/unresolved.json': 'public',
  'GET /api/v2/scheduled-maintenances.json': 'public',
  'GET /api/v2/scheduled-maintenances/upcoming.json': 'public',
  'GET /api/v2/scheduled-maintenances/active.json': 'public',

  // outside /api/v1: /status
  'GET /status': 'public',
  'GET /status/feed.rss': 'public',
  'GET /status/feed.atom': 'public',
  'GET /status/badge.svg': 'public',
  'GET /status/history': 'public',
  'GET /status/incidents/:id': 'public',
  'GET /status/components/:id/badge.svg': 'public',

  // outside /api/v1: /p
  'GET /p/:token': { access: 'public', alsoChecks: 'a valid page link in the path' },
  'POST /p/:token': { access: 'public', alsoChecks: 'a valid page link in the path' },

  // outside /api/v1: /v2
  'POST /v2/enqueue': 'public',
  'POST /v2/change/enqueue': 'public',

  // outside /api/v1: /generic
  'POST /generic/2010-04-15/create_event.json': 'public',

  // outside /api/v1: /integrations
  'POST /integrations/alertmanager/:key': 'public',
  'POST /integrations/webhook/:key': 'public',
  'GET /integrations/heartbeat/:key': 'public',
  'POST /integrations/heartbeat/:key': 'public',

  // outside /api/v1: /status
  'POST /status/subscribe': 'public',
  'GET /status/subscriptions/:id/confirm': 'public',
  'POST /status/subscriptions/:id/confirm': 'public',
  'GET /status/subscriptions/:id/unsubscribe': 'public',
  'POST /status/subscriptions/:id/unsubscribe': 'public',

  // outside /api/v1: /
  'GET / @statusHost': 'public',

  // outside /api/v1: /feed.rss
  'GET /feed.rss @statusHost': 'public',

  // outside /api/v1: /feed.atom
  'GET /feed.atom @statusHost': 'public',

  // outside /api/v1: /badge.svg
  'GET /badge.svg @statusHost': 'public',

  // outside /api/v1: /history
  'GET /history @statusHost': 'public',

  // outside /api/v1: /incidents
  'GET /incidents/:id @statusHost': 'public',

  // outside /api/v1: /components
  'GET /components/:id/badge.svg @statusHost': 'public',

  // outside /api/v1: /subscribe
  'POST /subscribe @statusHost': 'public',

  // outside /api/v1: /subscriptions
  'GET /subscriptions/:id/confirm @statusHost': 'public',
  'POST /subscriptions/:id/confirm @statusHost': 'public',
  'GET /subscriptions/:id/unsubscribe @statusHost': 'public',
  'POST /subscriptions/:id/unsubscribe @statusHost': 'public',

  // outside /api/v1: /integrations
  'POST /integrations/slack/commands': { access: 'public', alsoChecks: 'a valid Slack request signature' },
  'POST /integrations/slack/interactions': { access: 'public', alsoChecks: 'a valid Slack request signature' },
  'POST /integrations/slack/events': { access: 'public', alsoChecks: 'a valid Slack request signature' },
  'GET /integrations/slack/link': 'public',
  'POST /integrations/slack/link': 'viewer',
};
