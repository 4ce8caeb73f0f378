// What the item editor's form shows, as strings per control: from a record (opening the editor) or
// from a refused submission (so a curator's typing is never lost to a validation problem or a
// conflict). One empty row is added to each repeated group so another value can be entered without
// a script.
import type { InternationalString } from '@iiif/presentation-3';
import type { ItemRecord } from '../../../manifests/item.ts';
import type { FormBody } from './draft-form.ts';

export interface LangValue {
  lang: string;
  value: string;
}

export interface FormValues {
  titles: LangValue[];
  summaries: LangValue[];
  agents: { name: string; role: string; uri: string }[];
  type: string;
  date: string;
  place: string;
  publisher: string;
  languages: string;
  subjects: string;
  shelfmark: string;
  holdingInstitution: string;
  rights: string;
  attribution: string;
  pages: { key: string; label: string }[];
  thumbnailPage: string;
  behavior: string;
  viewingDirection: string;
}

function rows(map: InternationalString | undefined): LangValue[] {
  return Object.entries(map ?? {}).flatMap(([lang, values]) => (values ?? []).map((value) => ({ lang, value })));
}

const blank = { lang: '', value: '' };

export function valuesFromRecord(r: ItemRecord): FormValues {
  return {
    titles: [...rows(r.label), blank],
    summaries: [...rows(r.summary), blank],
    agents: [...r.agents.map((a) => ({ name: a.name, role: a.role ?? '', uri: a.uri ?? '' })), { name: '', role: '', uri: '' }],
    type: r.type,
    date: r.date ?? '',
    place: r.place ?? '',
    publisher: r.publisher ?? '',
    languages: r.languages.join(' '),
    subjects: r.subjects.join('\n'),
    shelfmark: r.shelfmark ?? '',
    holdingInstitution: r.holdingInstitution ?? '',
    rights: r.rights,
    attribution: r.attribution,
    pages: r.pages.map((p) => ({ key: p.key, label: p.label ?? '' })),
    thumbnailPage: r.thumbnailPage ?? r.pages[0]?.key ?? '',
    behavior: r.behavior,
    viewingDirection: r.viewingDirection,
  };
}

function list(body: FormBody, name: string): string[] {
  const v = body[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function one(body: FormBody, name: string): string {
  return list(body, name)[0] ?? '';
}

function langRows(body: FormBody, name: string): LangValue[] {
  const langs = list(body, `${name}Lang`);
  const kept = list(body, name)
    .map((value, i) => ({ lang: langs[i] ?? '', value }))
    .filter((r) => r.value.trim() !== '');
  return [...kept, blank];
}

/** The submission as typed, so the form can show it again; page keys that are not the item's are left out. */
export function valuesFromBody(body: FormBody, published: ItemRecord): FormValues {
  const known = new Set(published.pages.map((p) => p.key));
  const labels = list(body, 'pageLabel');
  const keys = list(body, 'pageKey');
  const pages = keys.map((key, i) => ({ key, label: labels[i] ?? '' })).filter((p) => known.has(p.key));
  const roles = list(body, 'agentRole');
  const uris = list(body, 'agentUri');
  return {
    titles: langRows(body, 'title'),
    summaries: langRows(body, 'summary'),
    agents: [
      ...list(body, 'agentName')
        .map((name, i) => ({ name, role: roles[i] ?? '', uri: uris[i] ?? '' }))
        .filter((a) => a.name.trim() !== '' || a.role.trim() !== ''),
      { name: '', role: '', uri: '' },
    ],
    type: one(body, 'type'),
    date: one(body, 'date'),
    place: one(body, 'place'),
    publisher: one(body, 'publisher'),
    languages: one(body, 'languages'),
    subjects: one(body, 'subjects'),
    shelfmark: one(body, 'shelfmark'),
    holdingInstitution: one(body, 'holdingInstitution'),
    rights: one(body, 'rights'),
    attribution: one(body, 'attribution'),
    pages: pages.length === published.pages.length ? pages : published.pages.map((p) => ({ key: p.key, label: p.label ?? '' })),
    thumbnailPage: one(body, 'thumbnailPage'),
    behavior: one(body, 'behavior'),
    viewingDirection: one(body, 'viewingDirection'),
  };
}
