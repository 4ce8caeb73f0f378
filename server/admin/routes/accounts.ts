// The admins' routes: the dashboard for everyone signed in, and for admins the accounts page (add,
// disable, enable, end sessions, new link) and the audit log. Forms post and are redirected back
// (post/redirect/get), except that a new link is shown in the answer itself and never stored.
import { type Request, type Response, Router } from 'express';
import * as v from 'valibot';
import { addAccount, endAccountSessions, newSetPasswordLink, setAccountDisabled } from '../accounts/manage.ts';
import { sessionCounts } from '../accounts/sessions.ts';
import { setPasswordUrl } from '../accounts/set-password-links.ts';
import { AccountError, listUsers } from '../accounts/users.ts';
import { auditPage } from '../audit.ts';
import { HttpError } from '../../errors.ts';
import { sessionLimits } from '../guard.ts';
import type { AdminContext } from '../part.ts';
import { type AccountsView, accountsPage } from '../pages/accounts.ts';
import { auditLogPage } from '../pages/audit-log.ts';
import { dashboardPage } from '../pages/dashboard.ts';
import { adminLang } from '../text.ts';

export const AUDIT_PER_PAGE = 50;

const newAccount = v.object({ name: v.string(), role: v.picklist(['admin', 'curator']) });
const accountId = v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,9}$/), v.transform(Number));

export function accountsRouter({ config, db, guard }: AdminContext): Router {
  const router = Router();
  const linkMs = config.ADMIN_LINK_HOURS * 3_600_000;

  router.get('/', (req, res) => {
    res.type('html').send(dashboardPage(adminLang(req, res), guard.user(res), guard.csrfToken(res)));
  });

  // Only these paths are the admins': the routes of other parts under /admin are not held up here.
  const admins = [guard.requireRole('admin'), guard.verifyCsrf];

  const show = (req: Request, res: Response, status: number, extra: Partial<AccountsView>) => {
    const view: AccountsView = { accounts: listUsers(db), sessions: sessionCounts(db, sessionLimits(config)), ...extra };
    res
      .status(status)
      .type('html')
      .send(accountsPage(adminLang(req, res), guard.user(res), guard.csrfToken(res), view));
  };

  router.get('/accounts', ...admins, (req, res) => show(req, res, 200, {}));

  router.post('/accounts', ...admins, (req, res) => {
    const parsed = v.safeParse(newAccount, req.body);
    if (!parsed.success) throw new HttpError(400, 'an account needs a name and a role (admin or curator)');
    try {
      const { account, token } = addAccount(db, guard.user(res), parsed.output.name, parsed.output.role, linkMs);
      show(req, res, 201, { link: { name: account.name, url: setPasswordUrl(config.PUBLIC_BASE_URL, token), hours: config.ADMIN_LINK_HOURS } });
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      show(req, res, 400, { notice: { kind: 'error', text: err.message } });
    }
  });

  const target = (req: Request, res: Response): number => {
    const parsed = v.safeParse(accountId, req.params.id);
    if (!parsed.success) throw new HttpError(404, 'no such account');
    if (parsed.output === guard.user(res).id) throw new HttpError(400, 'an admin cannot disable or end the sessions of their own account here');
    return parsed.output;
  };
  const changed = (work: (req: Request, res: Response, id: number) => void) => (req: Request, res: Response) => {
    try {
      work(req, res, target(req, res));
    } catch (err) {
      if (err instanceof AccountError) throw new HttpError(404, err.message);
      throw err;
    }
  };

  router.post(
    '/accounts/:id/disable',
    ...admins,
    changed((_req, res, id) => {
      setAccountDisabled(db, guard.user(res), id, true);
      res.redirect(303, '/admin/accounts');
    }),
  );
  router.post(
    '/accounts/:id/enable',
    ...admins,
    changed((_req, res, id) => {
      setAccountDisabled(db, guard.user(res), id, false);
      res.redirect(303, '/admin/accounts');
    }),
  );
  router.post(
    '/accounts/:id/end-sessions',
    ...admins,
    changed((_req, res, id) => {
      endAccountSessions(db, guard.user(res), id);
      res.redirect(303, '/admin/accounts');
    }),
  );
  router.post(
    '/accounts/:id/link',
    ...admins,
    changed((req, res, id) => {
      const { account, token } = newSetPasswordLink(db, guard.user(res), id, linkMs);
      show(req, res, 200, { link: { name: account.name, url: setPasswordUrl(config.PUBLIC_BASE_URL, token), hours: config.ADMIN_LINK_HOURS } });
    }),
  );

  router.get('/audit', ...admins, (req, res) => {
    const asked = Number(req.query.page ?? 1);
    const page = Number.isInteger(asked) && asked >= 1 && asked <= 1_000_000 ? asked : 1;
    const { rows, total } = auditPage(db, page, AUDIT_PER_PAGE);
    const pages = Math.max(1, Math.ceil(total / AUDIT_PER_PAGE));
    if (page > pages) throw new HttpError(404, `the audit log has ${pages} pages`);
    res.type('html').send(auditLogPage(adminLang(req, res), guard.user(res), guard.csrfToken(res), { rows, page, pages }));
  });

  return router;
}
