// A curator's HTTP client for the item editor tests: signs in over HTTP, keeps the session cookie, reads the
// CSRF token and version an editor page carries, and submits the editor form as a browser would
// (urlencoded, repeated names for repeated fields).
import type { ItemRecord } from '../../manifests/item.ts';
import { adminFetch, signIn } from '../support/admin.ts';
import { CURATORS } from './editor-server.ts';

export interface Client {
  get: (path: string) => Promise<Response>;
  post: (path: string, form: URLSearchParams) => Promise<Response>;
  /** The `_csrf` and `version` of the editor page of `id`. */
  editorState: (id: string) => Promise<{ csrf: string; version: string; html: string }>;
}

/** A curator signed in over HTTP through the sign-in form, sending forms as a browser on this site would. */
export async function signedIn(baseUrl: string, user: keyof typeof CURATORS): Promise<Client> {
  const session = await signIn(baseUrl, user, CURATORS[user]);
  const get = (path: string) => adminFetch(baseUrl, session, path);
  const post = (path: string, form: URLSearchParams) =>
    // The form's own CSRF field is what is checked: no header token is added.
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: session.cookie, origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      redirect: 'manual',
    });
  return {
    get,
    post,
    editorState: async (id) => {
      const html = await (await get(`/admin/items/${id}?lang=en`)).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      const version = /name="version" value="([^"]+)"/.exec(html)?.[1];
      if (!csrf || !version) throw new Error(`no editor form on the page of ${id}`);
      return { csrf, version, html };
    },
  };
}

/** The editor form filled with a record's values, as the page would submit it unchanged. */
export function formOf(record: ItemRecord, state: { csrf: string; version: string }, action = 'save'): URLSearchParams {
  const f = new URLSearchParams();
  f.append('_csrf', state.csrf);
  f.append('version', state.version);
  for (const [lang, values] of Object.entries(record.label)) {
    for (const v of values ?? []) {
      f.append('titleLang', lang);
      f.append('title', v);
    }
  }
  for (const [lang, values] of Object.entries(record.summary ?? {})) {
    for (const v of values ?? []) {
      f.append('summaryLang', lang);
      f.append('summary', v);
    }
  }
  for (const a of record.agents) {
    f.append('agentName', a.name);
    f.append('agentRole', a.role ?? '');
    f.append('agentUri', a.uri ?? '');
  }
  f.append('type', record.type);
  f.append('date', record.date ?? '');
  f.append('place', record.place ?? '');
  f.append('publisher', record.publisher ?? '');
  f.append('languages', record.languages.join(' '));
  f.append('subjects', record.subjects.join('\n'));
  f.append('shelfmark', record.shelfmark ?? '');
  f.append('holdingInstitution', record.holdingInstitution ?? '');
  f.append('rights', record.rights);
  f.append('attribution', record.attribution);
  for (const p of record.pages) {
    f.append('pageKey', p.key);
    f.append('pageLabel', p.label ?? '');
  }
  f.append('thumbnailPage', record.thumbnailPage ?? record.pages[0]?.key ?? '');
  f.append('behavior', record.behavior);
  f.append('viewingDirection', record.viewingDirection);
  f.append('action', action);
  return f;
}
