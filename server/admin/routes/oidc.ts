// Signing in through the library's identity provider (OpenID Connect, authorization code flow with
// PKCE, state and nonce, by `openid-client`), when ADMIN_OIDC_ISSUER is set. The flow is bound to the
// browser that started it (a cookie naming its stored state), so nobody can be signed in to another
// person's account by being sent a callback link. The role comes from the provider's claims at every
// sign-in; someone with no mapped role, or whose account is disabled, is refused.
import { type Request, type Response, Router } from 'express';
import * as client from 'openid-client';
import type { Config } from '../../../config.ts';
import type { Logger } from '../../logger.ts';
import { endSession, startSession } from '../accounts/sessions.ts';
import { audit } from '../audit.ts';
import { accountFor, migrateOidc, saveFlow, takeFlow } from '../oidc/identities.ts';
import { roleFromClaims } from '../oidc/role-mapping.ts';
import type { AdminContext } from '../part.ts';
import { messagePage } from '../pages/sign-in.ts';
import { adminCookies, clearCookie, readCookie } from '../session-cookie.ts';
import { ADMIN_TEXT, adminLang } from '../text.ts';
import { nextPath } from './sign-in.ts';

const FLOW_COOKIE = 'leeszaal-admin-oidc';

export const oidcCallbackUrl = (config: Config) => `${config.PUBLIC_BASE_URL}/admin/sign-in/oidc/callback`;

/** The provider's configuration, discovered once (and again after a failure). */
function discoverer(config: Config, log: Logger): () => Promise<client.Configuration> {
  let found: Promise<client.Configuration> | undefined;
  return () => {
    found ??= client
      .discovery(
        new URL(config.ADMIN_OIDC_ISSUER as string),
        config.ADMIN_OIDC_CLIENT_ID as string,
        config.ADMIN_OIDC_CLIENT_SECRET,
        undefined,
        // Plain http only for a provider on this machine (tests, development).
        /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(config.ADMIN_OIDC_ISSUER as string) ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((err: unknown) => {
        found = undefined;
        log.error({ err, issuer: config.ADMIN_OIDC_ISSUER }, 'OpenID Connect discovery failed');
        throw err;
      });
    return found;
  };
}

export function oidcRouter({ config, log, db, guard }: AdminContext): Router {
  const router = Router();
  if (!config.ADMIN_OIDC_ISSUER) return router;
  migrateOidc(db);
  const cookies = adminCookies(config);
  const flowCookie = cookies.options.secure ? `__Host-${FLOW_COOKIE}` : FLOW_COOKIE;
  const provider = discoverer(config, log);
  const mapping = { claim: config.ADMIN_OIDC_ROLE_CLAIM, admin: config.ADMIN_OIDC_ADMIN_VALUES, curator: config.ADMIN_OIDC_CURATOR_VALUES };

  const refuse = (req: Request, res: Response, status: number, text: string) => {
    const lang = adminLang(req, res);
    res
      .status(status)
      .type('html')
      .send(messagePage(lang, ADMIN_TEXT[lang].signIn, text));
  };

  router.get('/sign-in/oidc', async (req, res) => {
    let found: client.Configuration;
    try {
      found = await provider();
    } catch {
      refuse(req, res, 503, ADMIN_TEXT[adminLang(req, res)].oidcUnavailable);
      return;
    }
    const verifier = client.randomPKCECodeVerifier();
    const flow = { state: client.randomState(), nonce: client.randomNonce(), verifier, next: nextPath(req.query.next) };
    res.cookie(flowCookie, saveFlow(db, flow), { ...cookies.options, maxAge: 10 * 60_000 });
    const url = client.buildAuthorizationUrl(found, {
      redirect_uri: oidcCallbackUrl(config),
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    res.redirect(303, url.href);
  });

  router.get('/sign-in/oidc/callback', async (req, res) => {
    const t = ADMIN_TEXT[adminLang(req, res)];
    const browserId = readCookie(req.headers.cookie, flowCookie);
    clearCookie(res, cookies, flowCookie);
    const flow = browserId === undefined ? undefined : takeFlow(db, browserId);
    if (!flow) {
      refuse(req, res, 400, t.oidcFailed);
      return;
    }
    let claims: Record<string, unknown>;
    let issuer: string;
    try {
      const found = await provider();
      issuer = found.serverMetadata().issuer;
      const tokens = await client.authorizationCodeGrant(found, new URL(`${config.PUBLIC_BASE_URL}${req.originalUrl}`), {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims() as Record<string, unknown>;
      const info = await client.fetchUserInfo(found, tokens.access_token, idClaims.sub as string);
      claims = { ...idClaims, ...info };
    } catch (err) {
      log.warn({ err }, 'OpenID Connect sign-in failed');
      refuse(req, res, 400, t.oidcFailed);
      return;
    }
    const role = roleFromClaims(claims, mapping);
    if (!role) {
      audit(db, {
        user: { name: String(claims.preferred_username ?? claims.sub) },
        action: 'session.refused',
        details: { issuer, reason: 'no role' },
      });
      refuse(req, res, 403, t.oidcNoRole);
      return;
    }
    const account = accountFor(db, issuer, String(claims.sub), claims.preferred_username, role);
    if (account.disabled) {
      refuse(req, res, 403, t.signInFailed);
      return;
    }
    const old = guard.session(res);
    if (old) endSession(db, old.idHash);
    const id = startSession(db, account.id);
    audit(db, { user: account, action: 'session.sign-in', details: { issuer } });
    res.cookie(cookies.session, id, cookies.options);
    res.redirect(303, flow.next);
  });

  return router;
}
