import type { DomainModule } from '../domain.js';
import { authRoutes, signInLinkRoute } from './auth.routes.js';
import { seedDirectory } from './directory.demo.js';
import { oidcRoutes } from './oidc/oidc.routes.js';
import { serviceRoutes } from './services.routes.js';
import { teamRoutes } from './teams.routes.js';
import { tokenRoutes } from './tokens.routes.js';
import { userRoutes } from './users.routes.js';

import './directory.model.js';

/** People, teams, services, API tokens and sign-in. See README.md. */
export const directoryModule: DomainModule = {
  name: 'directory',
  demo: seedDirectory,
  routes: (app, ctx) => {
    authRoutes(app, ctx);
    userRoutes(app, ctx);
    teamRoutes(app, ctx);
    serviceRoutes(app, ctx);
    tokenRoutes(app, ctx);
  },
  rootRoutes: (app, ctx) => {
    signInLinkRoute(app, ctx);
    oidcRoutes(app, ctx);
  },
};

export { authenticateSession, authenticateToken } from './authenticate.js';
export { type CreateApiTokenInput, createApiToken } from './commands/create-api-token.js';
export { createService } from './commands/create-service.js';
export { createTeam } from './commands/create-team.js';
export { createUser } from './commands/create-user.js';
export { ensureFirstAdmin, type FirstAdmin } from './commands/ensure-first-admin.js';
export { issueSignInLink } from './commands/issue-sign-in-link.js';
export { revokeApiToken } from './commands/revoke-api-token.js';
export { setTeamMember } from './commands/set-team-member.js';
export { updateUser } from './commands/update-user.js';
export { type By, SYSTEM } from './directory.policy.js';
export { getServiceById, getTeamById, getUserById, listApiTokens, listTeamMemberIds } from './directory.service.js';
export { safeNext } from './oidc/safe-next.js';
export { clearSessionCookie, setSessionCookie } from './session-cookie.js';
