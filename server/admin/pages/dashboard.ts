// The workspace's landing page (`/admin`): where each part of the work is, for the signed-in user.
import type { SignedInUser } from '../contracts.ts';
import { ADMIN_TEXT, type AdminLang } from '../text.ts';
import { html } from './html.ts';
import { renderPage } from './layout.ts';

export function dashboardPage(lang: AdminLang, user: SignedInUser, csrf: string): string {
  const t = ADMIN_TEXT[lang];
  const links: [string, string][] = [
    ['/admin/uploads', t.dashUploads],
    ['/admin/jobs', t.dashJobs],
    ['/admin/items', t.dashItems],
    ...(user.role === 'admin'
      ? ([
          ['/admin/accounts', t.dashAccounts],
          ['/admin/audit', t.dashAudit],
        ] as [string, string][])
      : []),
  ];
  return renderPage({
    lang,
    title: t.dashboard,
    user,
    csrf,
    current: '/admin',
    main: html`<h1>${t.dashboard}</h1>
<p>${t.welcome(user.name)}</p>
<ul class="dash">${links.map(([href, label]) => html`<li><a href="${href}">${label}</a></li>`)}</ul>`,
  });
}
