// The accounts page (admins only): every account with its role, state and live sessions, buttons to
// disable or enable it, end its sessions or make a new set-password link, and a form to add one. A
// link just made is shown once, at the top.
import type { Account } from '../accounts/users.ts';
import type { SignedInUser } from '../contracts.ts';
import { ADMIN_TEXT, type AdminLang } from '../text.ts';
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import type { Notice } from './sign-in.ts';

export interface AccountsView {
  accounts: Account[];
  sessions: Map<number, number>;
  /** A set-password link just made, to pass on. */
  link?: { name: string; url: string; hours: number };
  notice?: Notice;
}

export function accountsPage(lang: AdminLang, user: SignedInUser, csrf: string, view: AccountsView): string {
  const t = ADMIN_TEXT[lang];
  // The button says what; its accessible name also says whom (a list of "Disable" buttons says nothing).
  const action = (a: Account, what: string, label: string) => html`<form method="post" action="/admin/accounts/${a.id}/${what}">
<input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="secondary" aria-label="${label}: ${a.name}">${label}</button></form>`;
  const state = (a: Account) => (a.disabled ? t.disabled : a.hasPassword ? t.active : t.pending);
  return renderPage({
    lang,
    title: t.accounts,
    user,
    csrf,
    current: '/admin/accounts',
    scripts: ['accounts'],
    main: html`<h1>${t.accounts}</h1>
${view.notice ? html`<p class="message ${view.notice.kind}" role="${view.notice.kind === 'error' ? 'alert' : 'status'}">${view.notice.text}</p>` : ''}
${
  view.link
    ? html`<div class="message ok link-made" role="status">
<p id="link-note">${t.linkMade(view.link.name, view.link.hours)}</p>
<input type="text" readonly id="new-link" aria-labelledby="link-note" value="${view.link.url}">
<button type="button" class="secondary" data-copy="new-link" data-copied="${t.copied}" hidden>${t.copyLink}</button>
</div>`
    : ''
}
<div class="table-wrap"><table>
<thead><tr><th scope="col">${t.userName}</th><th scope="col">${t.role}</th><th scope="col">${t.status}</th><th scope="col">${t.sessions}</th><th scope="col">${t.actions}</th></tr></thead>
<tbody>
${view.accounts.map(
  (a) => html`<tr>
<th scope="row">${a.name}${a.id === user.id ? html` ${t.you}` : ''}</th>
<td>${a.role === 'admin' ? t.roleAdmin : t.roleCurator}</td>
<td>${state(a)}</td>
<td>${view.sessions.get(a.id) ?? 0}</td>
<td class="actions">${
    a.id === user.id
      ? ''
      : html`${a.disabled ? action(a, 'enable', t.enable) : action(a, 'disable', t.disable)}
${action(a, 'end-sessions', t.endSessions)}
${action(a, 'link', t.newLink)}`
  }</td>
</tr>`,
)}
</tbody></table></div>
<h2>${t.addAccount}</h2>
<form method="post" action="/admin/accounts">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="new-name">${t.userName}</label>
<input type="text" id="new-name" name="name" required maxlength="64" autocomplete="off" autocapitalize="none" spellcheck="false">
<label for="new-role">${t.role}</label>
<select id="new-role" name="role"><option value="curator">${t.roleCurator}</option><option value="admin">${t.roleAdmin}</option></select>
<p class="form-actions"><button type="submit">${t.add}</button></p>
</form>`,
  });
}
