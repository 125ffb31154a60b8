import type { ApiPart as Part } from '../http/app.js';
import { authRoutes } from './auth.routes.js';
import { citizenRoutes } from './citizen.routes.js';
import { devOutboxRoutes } from './dev-outbox.routes.js';
import './identity.messages.js';
import { invitationRoutes } from './invitation.routes.js';
import { meRoutes } from './me.routes.js';
import { oidcRoutes } from './oidc.routes.js';
import { taxisnetRoutes } from './taxisnet.routes.js';

/** Who people are and how they sign in: staff, partners, citizens and their devices. See README.md. */
export const identityApi: Part = {
  name: 'identity',
  plugin: async (app, { platform }) => {
    await authRoutes(app, platform);
    await meRoutes(app, platform);
    await citizenRoutes(app, platform);
    await taxisnetRoutes(app, platform);
    await oidcRoutes(app, platform);
    await invitationRoutes(app, platform);
    await devOutboxRoutes(app, platform);
  },
};
