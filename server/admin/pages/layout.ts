// The frame of every admin page: `<html lang>`, a skip link, a header with the workspace's name, the
// signed-in user and a sign-out form (with the session's CSRF token), the navigation (admins also see
// accounts and the audit log), a language switch (nl/fr/en) and the page's main content. Styles and
// scripts are files under /admin/assets/ only: the admin CSP allows nothing inline.
import type { SignedInUser } from '../contracts.ts';
import { ADMIN_LANGS, ADMIN_TEXT, type AdminLang } from '../text.ts';
import { type Html, html } from './html.ts';

export interface PageParts {
  lang: AdminLang;
  /** The page's own title; the workspace name is added. */
  title: string;
  main: Html;
  /** The signed-in user and their session's CSRF token; absent on sign-in and set-password. */
  user?: SignedInUser;
  csrf?: string;
  /** The nav entry's path to mark as the current page (`/admin/uploads`, …). */
  current?: string;
  /** Scripts from the Vite build (`viewer/admin/<name>.ts` → `upload`), loaded as modules. */
  scripts?: string[];
  /** A part's own stylesheets after the shared one, served by the part at `/admin/assets/<name>.css`. */
  styles?: string[];
}

const LANG_NAMES: Record<AdminLang, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' };

export function renderPage(parts: PageParts): string {
  const t = ADMIN_TEXT[parts.lang];
  const nav: [string, string][] = [
    ['/admin', t.navHome],
    ['/admin/uploads', t.navUploads],
    ['/admin/jobs', t.navJobs],
    ['/admin/items', t.navItems],
    ...(parts.user?.role === 'admin'
      ? ([
          ['/admin/accounts', t.navAccounts],
          ['/admin/audit', t.navAudit],
        ] as [string, string][])
      : []),
  ];
  return html`<!doctype html>
<html lang="${parts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${parts.title} – ${t.workspace}</title>
<link rel="stylesheet" href="/admin/assets/admin.css">
${(parts.styles ?? []).map((s) => html`<link rel="stylesheet" href="/admin/assets/${s}.css">\n`)}<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${(parts.scripts ?? []).map((s) => html`<script type="module" src="/admin/assets/${s}.js"></script>\n`)}</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header class="top">
<p class="brand"><a href="/admin">${t.workspace}</a></p>
${
  parts.user
    ? html`<form class="who" method="post" action="/admin/sign-out">
<span>${t.signedInAs} <strong>${parts.user.name}</strong></span>
<input type="hidden" name="_csrf" value="${parts.csrf}">
<button type="submit">${t.signOut}</button>
</form>`
    : ''
}
<nav class="langs" aria-label="${t.language}"><ul>${ADMIN_LANGS.map(
    (l) => html`<li><a href="?lang=${l}" hreflang="${l}" lang="${l}"${l === parts.lang ? html` aria-current="true"` : ''}>${LANG_NAMES[l]}</a></li>`,
  )}</ul></nav>
</header>
${
  parts.user
    ? html`<nav class="main-nav" aria-label="${t.nav}"><ul>${nav.map(
        ([href, label]) => html`<li><a href="${href}"${href === parts.current ? html` aria-current="page"` : ''}>${label}</a></li>`,
      )}</ul></nav>`
    : ''
}
<main id="main" tabindex="-1">
${parts.main}
</main>
</body>
</html>
`.text;
}
