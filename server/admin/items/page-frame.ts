// The frame around every item-editor page: `<html lang>`, a skip link, a header with the signed-in
// curator and a sign-out form, navigation, the nl/fr/en switch, and the editor's built script and
// stylesheet (no inline script or style: the admin pages' CSP forbids them). It stands in for the
// workspace's shared layout until that lands, and takes the same inputs.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SiteLang } from '../../routes/site-language.ts';
import { type Html, html } from './html.ts';

export interface FrameInput {
  lang: SiteLang;
  title: string;
  user: string;
  csrf: string;
  /** The page's URL without `lang`, for the language switch. */
  here: string;
  body: Html;
  assets: AdminAssets;
}

export interface AdminAssets {
  script?: string;
  styles: string[];
}

const LANG_NAMES: Record<SiteLang, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' };
const WORDS = {
  skip: { nl: 'Naar de inhoud', fr: 'Aller au contenu', en: 'Skip to content' },
  workspace: { nl: 'Leeszaal – beheer', fr: 'Leeszaal – gestion', en: 'Leeszaal – workspace' },
  signedIn: { nl: 'Aangemeld als', fr: 'Connecté en tant que', en: 'Signed in as' },
  signOut: { nl: 'Afmelden', fr: 'Se déconnecter', en: 'Sign out' },
  nav: { nl: 'Beheer', fr: 'Gestion', en: 'Workspace' },
  items: { nl: 'Items', fr: 'Documents', en: 'Items' },
  site: { nl: 'Publieke site', fr: 'Site public', en: 'Public site' },
  language: { nl: 'Taal', fr: 'Langue', en: 'Language' },
} as const;

export function withLang(url: string, lang: SiteLang): string {
  return `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`;
}

export function renderFrame(f: FrameInput): string {
  const w = (k: keyof typeof WORDS) => WORDS[k][f.lang];
  return `<!doctype html>\n${html`<html lang="${f.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${f.title} — ${w('workspace')}</title>
${f.assets.styles.map((href) => html`<link rel="stylesheet" href="${href}">`)}
${f.assets.script ? html`<script type="module" src="${f.assets.script}"></script>` : ''}
</head>
<body class="admin">
<a class="skip-link" href="#main">${w('skip')}</a>
<header class="admin-header">
  <p class="admin-brand">${w('workspace')}</p>
  <nav aria-label="${w('nav')}"><ul>
    <li><a href="${withLang('/admin/items', f.lang)}">${w('items')}</a></li>
    <li><a href="/">${w('site')}</a></li>
  </ul></nav>
  <nav class="admin-langs" aria-label="${w('language')}"><ul>
    ${(['nl', 'fr', 'en'] as const).map(
      (l) =>
        html`<li><a href="${withLang(f.here, l)}" lang="${l}" hreflang="${l}"${l === f.lang ? html` aria-current="true"` : ''}>${LANG_NAMES[l]}</a></li>`,
    )}
  </ul></nav>
  <form class="admin-user" method="post" action="/admin/sign-out">
    <span>${w('signedIn')} <strong>${f.user}</strong></span>
    <input type="hidden" name="_csrf" value="${f.csrf}">
    <button type="submit">${w('signOut')}</button>
  </form>
</header>
<main id="main" tabindex="-1">
${f.body}
</main>
</body>
</html>`}\n`;
}

/**
 * The editor's built script and stylesheets, named in the Vite manifest of the site build
 * (`viewer/dist/.vite/manifest.json`, entry `admin-editor`), as URLs under /admin/assets/.
 */
export async function adminAssets(distDir: string, entry = 'admin-editor'): Promise<AdminAssets> {
  try {
    const manifest = JSON.parse(await readFile(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<
      string,
      { name?: string; isEntry?: boolean; file: string; css?: string[] }
    >;
    const found = Object.values(manifest).find((c) => c.isEntry && c.name === entry);
    if (!found) return { styles: [] };
    const url = (file: string) => `/admin/${file}`;
    return { script: url(found.file), styles: (found.css ?? []).map(url) };
  } catch {
    // Not built: the pages still work as plain forms, without drag and drop.
    return { styles: [] };
  }
}
