// The audit log page (admins only): newest first, a page at a time, with who, what, which item and when.
import type { AuditRow } from '../audit.ts';
import type { SignedInUser } from '../contracts.ts';
import { ADMIN_TEXT, type AdminLang } from '../text.ts';
import { html } from './html.ts';
import { renderPage } from './layout.ts';

export function auditLogPage(lang: AdminLang, user: SignedInUser, csrf: string, view: { rows: AuditRow[]; page: number; pages: number }): string {
  const t = ADMIN_TEXT[lang];
  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
  return renderPage({
    lang,
    title: t.audit,
    user,
    csrf,
    current: '/admin/audit',
    main: html`<h1>${t.audit}</h1>
${
  view.rows.length === 0
    ? html`<p>${t.noEntries}</p>`
    : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.what}</th><th scope="col">${t.item}</th><th scope="col">${t.details}</th></tr></thead>
<tbody>
${view.rows.map(
  (r) =>
    html`<tr><td><time datetime="${r.at}">${time.format(new Date(r.at))} UTC</time></td><td>${r.userName}</td><td><code class="action">${r.action}</code></td><td>${
      r.item ?? ''
    }</td><td>${r.details ? detailsText(r.details) : ''}</td></tr>`,
)}
</tbody></table></div>`
}
<nav class="pager" aria-label="${t.pageOf(view.page, view.pages)}">
${view.page > 1 ? html`<a href="/admin/audit?page=${view.page - 1}" rel="prev">${t.newer}</a>` : ''}
<span>${t.pageOf(view.page, view.pages)}</span>
${view.page < view.pages ? html`<a href="/admin/audit?page=${view.page + 1}" rel="next">${t.older}</a>` : ''}
</nav>`,
  });
}

/** `name: bert, role: curator`: the details as a person reads them. */
export const detailsText = (details: Record<string, unknown>) =>
  Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
