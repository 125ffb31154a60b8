import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Platform } from '../context.js';
import type { App } from '../http/types.js';
import { users } from './identity.schema.js';
import { consumeOauthState, createOauthState, currentCitizenId, loginErrorRedirect, signInCitizen, tenantOfState } from './oauth-flow.js';
import { createCitizen, findUserById } from './people.js';
import { publicOrigin } from './session.js';
import {
  authorizeUrl,
  DEV_TAXISNET_CLIENT,
  DEV_TAXISNET_PREFIX,
  devTaxisnetEnabled,
  exchangeCode,
  fetchUserinfo,
  TaxisnetError,
  taxisnetEndpoints,
} from './taxisnet.js';
import { createTaxisnetImitation } from './taxisnet-imitation.js';

const CALLBACK_PATH = '/api/auth/taxisnet/callback';

/** Citizen login through TaxisNet (GSIS OAuth 2.0): ΑΦΜ and names, no e-mail. */
export async function taxisnetRoutes(app: App, platform: Platform) {
  const { db, cfg } = platform;

  app.get(
    '/api/auth/taxisnet/start',
    {
      config: { access: 'device', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Start a TaxisNet login: redirects to the GSIS authorization page',
        querystring: z.object({ returnTo: z.string().max(500).optional() }),
      },
    },
    async (req, reply) => {
      const origin = publicOrigin(cfg, req.tenant);
      const ep = taxisnetEndpoints(cfg, origin);
      if (!ep) return loginErrorRedirect(reply, 'taxisnet_not_configured');
      const state = await createOauthState(db, {
        tenantId: req.tenant.id,
        provider: 'taxisnet',
        deviceId: 'deviceId' in req.actor ? req.actor.deviceId : undefined,
        returnTo: req.query.returnTo,
      });
      return reply.redirect(authorizeUrl(ep, `${origin}${CALLBACK_PATH}`, state), 302);
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      // The tenant and device travel in the stored state: the browser comes back from GSIS
      // with no tenant header, and the redirect URI registered at GSIS is one fixed URL.
      config: { access: 'public', tenant: false },
      schema: {
        tags: ['auth'],
        summary: 'TaxisNet redirects here; signs the citizen in and redirects to the web app',
        querystring: z.object({
          code: z.string().max(2000).optional(),
          state: z.string().max(200).optional(),
          error: z.string().max(200).optional(),
        }),
      },
    },
    async (req, reply) => {
      const saved = await consumeOauthState(db, 'taxisnet', req.query.state);
      if (!saved) return loginErrorRedirect(reply, 'state_invalid');
      if (req.query.error || !req.query.code) {
        return loginErrorRedirect(reply, req.query.error === 'access_denied' ? 'denied' : 'provider_error');
      }
      // the same redirect URI as at the start: the tenant's configured address, never this request's Host
      const origin = publicOrigin(cfg, await tenantOfState(db, saved.tenantId));
      const ep = taxisnetEndpoints(cfg, origin);
      if (!ep) return loginErrorRedirect(reply, 'taxisnet_not_configured');
      let person: Awaited<ReturnType<typeof fetchUserinfo>>;
      try {
        const token = await exchangeCode(ep, req.query.code, `${origin}${CALLBACK_PATH}`, cfg.IDP_TIMEOUT_MS);
        person = await fetchUserinfo(ep, token, cfg.IDP_TIMEOUT_MS);
      } catch (err) {
        const reason = err instanceof TaxisnetError ? err.reason : 'provider_error';
        req.log.warn({ reason }, 'TaxisNet login failed');
        return loginErrorRedirect(reply, reason);
      }

      const tenantId = saved.tenantId;
      const signedIn = await currentCitizenId(platform, req, tenantId);
      await db.transaction(async (tx) => {
        const [byAfm] = await tx
          .select()
          .from(users)
          .where(and(eq(users.tenantId, tenantId), eq(users.afm, person.taxid)));
        const names = {
          givenName: person.firstname || null,
          familyName: person.lastname || null,
          fatherName: person.fathername || null,
          motherName: person.mothername || null,
          birthYear: person.birthyear,
          taxisnetVerifiedAt: new Date(),
        };
        let userId: string;
        const current = signedIn && !byAfm ? await findUserById(tx, tenantId, signedIn) : undefined;
        if (byAfm) {
          userId = byAfm.id;
          await tx.update(users).set(names).where(eq(users.id, userId));
        } else if (current && !current.afm) {
          // a citizen known by phone or e-mail now proves who they are: one person, not two
          userId = current.id;
          await tx
            .update(users)
            .set({ ...names, afm: person.taxid })
            .where(eq(users.id, userId));
        } else {
          userId = (await createCitizen(tx, tenantId, { ...names, afm: person.taxid })).id;
        }
        await signInCitizen(tx, platform, req, reply, { tenantId, userId, deviceId: saved.deviceId });
      });
      return reply.redirect(saved.returnTo ?? '/', 302);
    },
  );

  if (devTaxisnetEnabled(cfg)) {
    // Development only: the imitation answers in-process so `npm start` can demo the whole flow.
    const imitation = createTaxisnetImitation({
      ...DEV_TAXISNET_CLIENT,
      redirectUris: (uri) => uri.endsWith(CALLBACK_PATH),
    });
    await app.register(async (dev) => {
      dev.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      dev.route({
        method: ['GET', 'POST'],
        url: `${DEV_TAXISNET_PREFIX}/*`,
        config: { access: 'public', tenant: false },
        schema: { hide: true },
        handler: async (req, reply) => {
          const res = await imitation.handle({
            method: req.method,
            url: req.url,
            headers: req.headers,
            body: typeof req.body === 'string' ? req.body : '',
          });
          return reply.status(res.status).headers(res.headers).send(res.body);
        },
      });
    });
  }
}
