// Signing in and out, and setting a password through a one-time link. Signing in is rate-limited per
// account and per address, answers the same (and takes as long) for an unknown name, a wrong password
// and a disabled account, and starts a new session (a session id is never carried over).
import { type Request, type Response, Router } from 'express';
import type { Config } from '../../../config.ts';
import { decoyHash, hashPassword, passwordMatches, passwordProblem } from '../accounts/passwords.ts';
import { setPasswordTokenUser, useUpSetPasswordToken } from '../accounts/set-password-links.ts';
import { endSession, endSessionsOf, purgeSessions, startSession } from '../accounts/sessions.ts';
import { blockedUntil, purgeSignInLimits, recordAttempt, type SignInLimits, signedIn } from '../accounts/sign-in-limits.ts';
import { findUser, passwordHashOf, setPasswordHash, userById } from '../accounts/users.ts';
import { audit } from '../audit.ts';
import { transaction } from '../db.ts';
import { formToken, formTokenValid } from '../form-token.ts';
import { sessionLimits } from '../guard.ts';
import type { AdminContext } from '../part.ts';
import { messagePage, type Notice, setPasswordPage, signInPage } from '../pages/sign-in.ts';
import { adminCookies, clearCookie } from '../session-cookie.ts';
import { ADMIN_TEXT, adminLang } from '../text.ts';

/** Where to go after signing in: an admin path only (no way up, no other host), so the form cannot send anyone elsewhere. */
export function nextPath(value: unknown): string {
  const ok =
    typeof value === 'string' &&
    value.length < 1024 &&
    /^\/admin(\/[^\\]*)?$/.test(value) &&
    !value.startsWith('/admin//') &&
    !/\/(\.|%2e){2}/i.test(value) &&
    // Printable ASCII only, as a request's own (percent-encoded) path is: no spaces or line breaks.
    /^[!-~]*$/.test(value);
  return ok ? value : '/admin';
}

const signInLimits = (config: Config): SignInLimits => ({
  perAccount: config.ADMIN_SIGNIN_PER_ACCOUNT,
  perAddress: config.ADMIN_SIGNIN_PER_ADDRESS,
  windowMs: config.ADMIN_SIGNIN_WINDOW_MINUTES * 60_000,
});

export function signInRouter({ config, db, guard }: AdminContext): Router {
  const router = Router();
  const cookies = adminCookies(config);
  const limits = signInLimits(config);
  const oidcLabel = config.ADMIN_OIDC_ISSUER ? (config.ADMIN_OIDC_LABEL ?? new URL(config.ADMIN_OIDC_ISSUER).host) : undefined;

  const showSignIn = (req: Request, res: Response, status: number, form: { name?: string; notice?: Notice; next?: string }) => {
    const lang = adminLang(req, res);
    const next = form.next ?? nextPath(req.query.next);
    res
      .status(status)
      .type('html')
      .send(signInPage(lang, { csrf: formToken(config, req, res), ...(oidcLabel ? { oidcLabel } : {}), ...form, next }));
  };

  router.get('/sign-in', (req, res) => {
    const t = ADMIN_TEXT[adminLang(req, res)];
    let notice: Notice | undefined;
    if (req.query.done === 'signed-out') notice = { kind: 'ok', text: t.signedOut };
    else if (req.query.done === 'password-set') notice = { kind: 'ok', text: t.passwordSet };
    else if (res.locals.adminSessionEnded) notice = { kind: 'info', text: t.sessionEnded };
    showSignIn(req, res, 200, notice ? { notice } : {});
  });

  router.post('/sign-in', async (req, res) => {
    const t = ADMIN_TEXT[adminLang(req, res)];
    const name = typeof req.body?.name === 'string' ? (req.body.name as string).trim().slice(0, 64) : '';
    const password = typeof req.body?.password === 'string' ? (req.body.password as string) : '';
    const next = nextPath(req.body?.next);
    if (!formTokenValid(config, req)) {
      showSignIn(req, res, 403, { name, next, notice: { kind: 'error', text: t.refused } });
      return;
    }
    const address = req.ip ?? 'unknown';
    const until = blockedUntil(db, name, address, limits);
    if (until !== undefined) {
      const minutes = Math.max(1, Math.ceil((until - Date.now()) / 60_000));
      res.setHeader('Retry-After', String(Math.ceil((until - Date.now()) / 1000)));
      showSignIn(req, res, 429, { name, next, notice: { kind: 'error', text: t.tooMany(minutes) } });
      return;
    }
    // Counted before the (asynchronous) check, so parallel guesses cannot all slip under the limit.
    recordAttempt(db, name, address, limits);
    const account = name === '' ? undefined : findUser(db, name);
    const stored = account ? passwordHashOf(db, account.id) : undefined;
    // Always one argon2 verification, against a decoy when there is nothing real to check.
    const matches = await passwordMatches(stored ?? (await decoyHash()), password);
    if (!account || !stored || !matches || account.disabled) {
      showSignIn(req, res, 401, { name, next, notice: { kind: 'error', text: t.signInFailed } });
      return;
    }
    signedIn(db, name, address);
    const old = guard.session(res);
    if (old) endSession(db, old.idHash);
    purgeSessions(db, sessionLimits(config));
    purgeSignInLimits(db, limits.windowMs);
    const id = startSession(db, account.id);
    audit(db, { user: account, action: 'session.sign-in', details: { address } });
    res.cookie(cookies.session, id, cookies.options);
    res.redirect(303, next);
  });

  router.post('/sign-out', guard.requireRole('curator'), guard.verifyCsrf, (_req, res) => {
    const s = guard.session(res);
    if (s) {
      endSession(db, s.idHash);
      audit(db, { user: guard.user(res), action: 'session.sign-out' });
    }
    clearCookie(res, cookies, cookies.session);
    res.redirect(303, '/admin/sign-in?done=signed-out');
  });

  const linkUser = (token: string) => {
    const userId = setPasswordTokenUser(db, token);
    const account = userId === undefined ? undefined : userById(db, userId);
    return account && !account.disabled ? account : undefined;
  };

  router.get('/set-password/:token', (req, res) => {
    const lang = adminLang(req, res);
    const t = ADMIN_TEXT[lang];
    const account = linkUser(req.params.token);
    if (!account) {
      res
        .status(410)
        .type('html')
        .send(messagePage(lang, t.setPassword, t.linkInvalid));
      return;
    }
    res
      .type('html')
      .send(setPasswordPage(lang, { csrf: formToken(config, req, res), action: req.originalUrl.split('?')[0] ?? '', name: account.name }));
  });

  router.post('/set-password/:token', async (req, res) => {
    const lang = adminLang(req, res);
    const t = ADMIN_TEXT[lang];
    const token = req.params.token;
    const account = linkUser(token);
    if (!account) {
      res
        .status(410)
        .type('html')
        .send(messagePage(lang, t.setPassword, t.linkInvalid));
      return;
    }
    const again = (status: number, text: string) =>
      res
        .status(status)
        .type('html')
        .send(
          setPasswordPage(lang, {
            csrf: formToken(config, req, res),
            action: `/admin/set-password/${token}`,
            name: account.name,
            notice: { kind: 'error', text },
          }),
        );
    if (!formTokenValid(config, req)) {
      again(403, t.refused);
      return;
    }
    const password = typeof req.body?.password === 'string' ? (req.body.password as string) : '';
    const repeat = typeof req.body?.repeat === 'string' ? (req.body.repeat as string) : '';
    const problem = passwordProblem(password);
    if (problem) {
      again(400, problem === 'too-short' ? t.tooShort : t.tooLong);
      return;
    }
    if (password !== repeat) {
      again(400, t.notSame);
      return;
    }
    const hash = await hashPassword(password);
    transaction(db, () => {
      setPasswordHash(db, account.id, hash);
      useUpSetPasswordToken(db, token);
      endSessionsOf(db, account.id);
      audit(db, { user: account, action: 'user.password-set' });
    });
    res.redirect(303, '/admin/sign-in?done=password-set');
  });

  return router;
}
