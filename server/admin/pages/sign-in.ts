// The sign-in and set-password pages: plain forms that work without scripts, errors said in a
// `role="alert"` message at the top and tied to the fields.
import type { AdminLang } from '../text.ts';
import { ADMIN_TEXT } from '../text.ts';
import { html } from './html.ts';
import { renderPage } from './layout.ts';

export interface Notice {
  kind: 'error' | 'ok' | 'info';
  text: string;
}

const notice = (n: Notice | undefined) =>
  n ? html`<p class="message ${n.kind}" id="notice" ${n.kind === 'error' ? html`role="alert"` : html`role="status"`}>${n.text}</p>` : '';

export function signInPage(lang: AdminLang, form: { csrf: string; next: string; name?: string; notice?: Notice; oidcLabel?: string }): string {
  const t = ADMIN_TEXT[lang];
  const failed = form.notice?.kind === 'error';
  return renderPage({
    lang,
    title: t.signIn,
    main: html`<h1>${t.signIn}</h1>
${notice(form.notice)}
${
  form.oidcLabel
    ? html`<p><a class="button" href="/admin/sign-in/oidc?next=${encodeURIComponent(form.next)}">${t.signInWith(form.oidcLabel)}</a></p>
<h2>${t.orPassword}</h2>`
    : ''
}
<form method="post" action="/admin/sign-in">
<input type="hidden" name="_csrf" value="${form.csrf}">
<input type="hidden" name="next" value="${form.next}">
<label for="name">${t.userName}</label>
<input type="text" id="name" name="name" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" value="${form.name ?? ''}"${failed ? html` aria-describedby="notice"` : ''}>
<label for="password">${t.password}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required maxlength="4096">
<p class="form-actions"><button type="submit">${t.signIn}</button></p>
</form>`,
  });
}

export function setPasswordPage(lang: AdminLang, form: { csrf: string; action: string; name: string; notice?: Notice }): string {
  const t = ADMIN_TEXT[lang];
  return renderPage({
    lang,
    title: t.setPassword,
    main: html`<h1>${t.setPassword}</h1>
${notice(form.notice)}
<p>${t.setPasswordFor(form.name)}</p>
<form method="post" action="${form.action}">
<input type="hidden" name="_csrf" value="${form.csrf}">
<input type="text" name="username" autocomplete="username" value="${form.name}" hidden>
<label for="password">${t.newPassword}</label>
<input type="password" id="password" name="password" autocomplete="new-password" required minlength="12" maxlength="1024" aria-describedby="hint">
<p class="hint" id="hint">${t.passwordHint}</p>
<label for="repeat">${t.repeatPassword}</label>
<input type="password" id="repeat" name="repeat" autocomplete="new-password" required minlength="12" maxlength="1024">
<p class="form-actions"><button type="submit">${t.save}</button></p>
</form>`,
  });
}

export function messagePage(lang: AdminLang, title: string, text: string): string {
  return renderPage({ lang, title, main: html`<h1>${title}</h1>\n<p class="message error" role="alert">${text}</p>` });
}
