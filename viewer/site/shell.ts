// What every public page shares: the interface language, the language switch, and translating the
// page's static text, marked in the HTML with data-i18n attributes. The server already sends each page
// in the reader's language (from `?lang=`, the saved choice, the browser's languages); the shell keeps
// that choice in a cookie the server reads, and switches language in place without reloading.
import { isLang, type Lang, type MessageKey, pickLang, t } from '../component/i18n.ts';
import { linkHref } from '../../manifests/safe-url.ts';

/** Read by server/routes/site-language.ts; a year, so the choice outlives the visit. */
const LANG_COOKIE = 'leeszaal-lang';

function saveLang(lang: Lang): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from the older Safari many pupils' tablets run.
  document.cookie = `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** `?lang=`, else the language the server sent the page in. */
export function currentLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (isLang(fromUrl)) return fromUrl;
  return pickLang(document.documentElement.lang);
}

function translate(lang: Lang): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n as MessageKey);
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-aria-label]'))
    el.setAttribute('aria-label', t(lang, el.dataset.i18nAriaLabel as MessageKey));
  for (const el of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]'))
    el.placeholder = t(lang, el.dataset.i18nPlaceholder as MessageKey);
  for (const el of document.querySelectorAll<HTMLMetaElement>('[data-i18n-content]')) el.content = t(lang, el.dataset.i18nContent as MessageKey);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.lang-switch a[data-lang]')) {
    const q = new URLSearchParams(location.search);
    q.set('lang', a.dataset.lang!);
    a.href = `${location.pathname}?${q.toString().replace(/%2C/g, ',')}`;
    if (a.dataset.lang === lang) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
}

/** Sets up the page in the reader's language; `onChange` re-renders what the page script drew. */
export function initShell(onChange: (lang: Lang) => void): Lang {
  const lang = currentLang();
  translate(lang);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.lang-switch a[data-lang]')) {
    a.addEventListener('click', (e) => {
      const next = a.dataset.lang;
      if (!isLang(next)) return;
      e.preventDefault();
      saveLang(next);
      const q = new URLSearchParams(location.search);
      q.set('lang', next);
      history.replaceState(history.state, '', `${location.pathname}?${q.toString().replace(/%2C/g, ',')}${location.hash}`);
      translate(next);
      onChange(next);
    });
  }
  if (isLang(new URLSearchParams(location.search).get('lang'))) saveLang(lang);
  return lang;
}

/**
 * The item page of a manifest entry: its homepage when on this site, else derived from its id, else
 * the homepage or id itself when that may be linked (manifests/safe-url.ts); undefined otherwise.
 */
export function itemPath(manifestId: string, homepage?: string): string | undefined {
  if (homepage) {
    const u = new URL(homepage, location.href);
    if (u.origin === location.origin) return u.pathname;
  }
  const m = /\/iiif\/presentation\/([a-z0-9][a-z0-9_-]*)\/manifest\.json$/.exec(new URL(manifestId, location.href).pathname);
  return m ? `/items/${m[1]}` : (linkHref(homepage) ?? linkHref(manifestId));
}
