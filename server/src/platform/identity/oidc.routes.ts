import { and, eq } from 'drizzle-orm';
import * as client from 'openid-client';
import { z } from 'zod';
import type { TConfig } from '../config/config.js';
import type { Platform } from '../context.js';
import type { App } from '../http/types.js';
import { users } from './identity.schema.js';
import { consumeOauthState, createOauthState, currentCitizenId, loginErrorRedirect, signInCitizen, tenantOfState } from './oauth-flow.js';
import { createCitizen, findUserByEmail, findUserById } from './people.js';
import { publicOrigin } from './session.js';

const CALLBACK_PATH = '/api/auth/oidc/callback';

/**
 * Citizen login through any OpenID Connect provider (OIDC_ISSUER): discovery, authorization
 * code with PKCE, nonce and state. The person is keyed by (issuer, sub); a verified e-mail
 * joins an existing citizen with that e-mail.
 */
export async function oidcRoutes(app: App, platform: Platform) {
  const { db, cfg } = platform;
  let discovered: Promise<client.Configuration> | undefined;

  /** Discovery happens on first use and is kept; a failure is retried on the next login. */
  function configuration(c: TConfig) {
    if (!c.OIDC_ISSUER || !c.OIDC_CLIENT_ID) return undefined;
    discovered ??= client
      .discovery(new URL(c.OIDC_ISSUER), c.OIDC_CLIENT_ID, c.OIDC_CLIENT_SECRET, undefined, {
        execute: new URL(c.OIDC_ISSUER).protocol === 'http:' ? [client.allowInsecureRequests] : [],
        timeout: Math.ceil(c.IDP_TIMEOUT_MS / 1000),
      })
      .catch((err) => {
        discovered = undefined;
        throw err;
      });
    return discovered;
  }

  app.get(
    '/api/auth/oidc/start',
    {
      config: { access: 'device', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Start a login with the configured OpenID Connect provider (redirect)',
        querystring: z.object({ returnTo: z.string().max(500).optional() }),
      },
    },
    async (req, reply) => {
      const pending = configuration(cfg);
      if (!pending) return loginErrorRedirect(reply, 'oidc_not_configured');
      let config: client.Configuration;
      try {
        config = await pending;
      } catch (err) {
        req.log.warn({ err: (err as Error).message }, 'OIDC discovery failed');
        return loginErrorRedirect(reply, 'provider_unavailable');
      }
      const codeVerifier = client.randomPKCECodeVerifier();
      const nonce = client.randomNonce();
      const state = await createOauthState(db, {
        tenantId: req.tenant.id,
        provider: 'oidc',
        deviceId: 'deviceId' in req.actor ? req.actor.deviceId : undefined,
        returnTo: req.query.returnTo,
        nonce,
        codeVerifier,
      });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: `${publicOrigin(cfg, req.tenant)}${CALLBACK_PATH}`,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return reply.redirect(url.toString(), 302);
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      // like TaxisNet's: the tenant and device come back through the stored state
      config: { access: 'public', tenant: false },
      schema: {
        tags: ['auth'],
        summary: 'The OpenID Connect provider redirects here; signs the citizen in and redirects to the web app',
        // the provider may add parameters of its own (iss, session_state): keep them for openid-client
        querystring: z.looseObject({
          code: z.string().max(4000).optional(),
          state: z.string().max(4000).optional(),
          iss: z.string().max(4000).optional(),
          error: z.string().max(4000).optional(),
          error_description: z.string().max(4000).optional(),
        }),
      },
    },
    async (req, reply) => {
      const query = req.query as Record<string, string>;
      const saved = await consumeOauthState(db, 'oidc', query.state);
      if (!saved?.codeVerifier || !saved.nonce) return loginErrorRedirect(reply, 'state_invalid');
      if (query.error) return loginErrorRedirect(reply, query.error === 'access_denied' ? 'denied' : 'provider_error');
      const pending = configuration(cfg);
      if (!pending) return loginErrorRedirect(reply, 'oidc_not_configured');
      let claims: { sub: string; email?: string; emailVerified: boolean; givenName?: string; familyName?: string };
      try {
        const config = await pending;
        const currentUrl = new URL(`${publicOrigin(cfg, await tenantOfState(db, saved.tenantId))}${CALLBACK_PATH}`);
        for (const [k, v] of Object.entries(query)) currentUrl.searchParams.set(k, v);
        const tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: saved.codeVerifier,
          expectedNonce: saved.nonce,
          expectedState: saved.state,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims) throw new Error('no id_token');
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
        claims = {
          sub: idClaims.sub,
          email: str(info.email ?? idClaims.email)?.toLowerCase(),
          emailVerified: (info.email_verified ?? idClaims.email_verified) === true,
          givenName: str(info.given_name ?? idClaims.given_name),
          familyName: str(info.family_name ?? idClaims.family_name),
        };
      } catch (err) {
        const e = err as Error & { code?: string };
        req.log.warn({ err: e.message, code: e.code }, 'OIDC login failed');
        const unavailable = e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'OAUTH_TIMEOUT' || e instanceof TypeError;
        return loginErrorRedirect(reply, unavailable ? 'provider_unavailable' : 'provider_error');
      }

      const issuer = cfg.OIDC_ISSUER as string;
      const tenantId = saved.tenantId;
      const signedIn = await currentCitizenId(platform, req, tenantId);
      await db.transaction(async (tx) => {
        const [bySub] = await tx
          .select()
          .from(users)
          .where(and(eq(users.tenantId, tenantId), eq(users.oidcIssuer, issuer), eq(users.oidcSubject, claims.sub)));
        const byEmail = !bySub && claims.email && claims.emailVerified ? await findUserByEmail(tx, tenantId, claims.email) : undefined;
        const current = !bySub && !byEmail && signedIn ? await findUserById(tx, tenantId, signedIn) : undefined;
        const verified = claims.email && claims.emailVerified ? { emailVerifiedAt: new Date() } : {};
        let userId: string;
        if (bySub) {
          userId = bySub.id;
        } else if (byEmail?.kind === 'citizen' && !byEmail.oidcSubject) {
          userId = byEmail.id;
          await tx
            .update(users)
            .set({ oidcIssuer: issuer, oidcSubject: claims.sub, ...verified })
            .where(eq(users.id, userId));
        } else if (current && !current.oidcSubject) {
          userId = current.id;
          await tx.update(users).set({ oidcIssuer: issuer, oidcSubject: claims.sub }).where(eq(users.id, userId));
        } else {
          // an e-mail that belongs to staff or to another login is not copied onto the new citizen
          const email = claims.email && claims.emailVerified && !byEmail ? { email: claims.email, ...verified } : {};
          userId = (
            await createCitizen(tx, tenantId, {
              oidcIssuer: issuer,
              oidcSubject: claims.sub,
              givenName: claims.givenName ?? null,
              familyName: claims.familyName ?? null,
              ...email,
            })
          ).id;
        }
        await signInCitizen(tx, platform, req, reply, { tenantId, userId, deviceId: saved.deviceId });
      });
      return reply.redirect(saved.returnTo ?? '/', 302);
    },
  );
}
