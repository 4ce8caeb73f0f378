// The viewer's side of "Cite this": the citable fields of a fetched record.json (untrusted JSON), and
// a best-effort source from the metadata of a manifest from elsewhere, which has no record. The text
// itself is made by manifests/citation-text.ts, the one builder the Cite panel and the item page
// share, and the people it names are read as the citation files read them. Pure.
import type { ItemRecord } from '../../manifests/item.ts';
import type { CitableRecord, CitationSource } from '../../manifests/citation-text.ts';
import type { Lang } from './i18n.ts';
import { type ManifestModel, pickText } from './manifest-model.ts';

/** The citable fields of a fetched record.json (untrusted JSON), or undefined when its shape is wrong. */
export function parseRecord(json: unknown): CitableRecord | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const r = json as Record<string, unknown>;
  const label = r.label;
  if (typeof label !== 'object' || label === null || Array.isArray(label)) return undefined;
  if (!Object.values(label).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'))) return undefined;
  if (!Array.isArray(r.agents)) return undefined;
  const agents = r.agents.flatMap((a: unknown) => {
    if (typeof a !== 'object' || a === null) return [];
    const { name, role } = a as Record<string, unknown>;
    if (typeof name !== 'string') return [];
    return [typeof role === 'string' ? { name, role } : { name }];
  });
  const out: CitableRecord = { label: label as ItemRecord['label'], agents };
  for (const k of ['publisher', 'place', 'date', 'holdingInstitution', 'shelfmark'] as const) {
    if (typeof r[k] === 'string') out[k] = r[k];
  }
  return out;
}

const FIELD_PATTERNS: ReadonlyArray<['authors' | 'printer' | 'institution' | 'shelfmark' | 'place' | 'date', RegExp]> = [
  ['authors', /^(author|creator|auteur|maker|vervaardiger|schrijver|verfasser)/i],
  ['printer', /(printer|publisher|drukker|uitgever|imprimeur|éditeur|editeur|verlag)/i],
  // Before place: "Bewaarplaats" and "Lieu de conservation" name the holding institution, not where it was printed.
  ['institution', /(holding|institution|instelling|bewaarplaats|lieu de conservation|repository|bibliothèque|bibliotheek)/i],
  ['shelfmark', /(shelfmark|signatuur|call number|cote|signatur)/i],
  ['place', /(place|plaats|lieu|ort)/i],
  ['date', /^(date|datum|jaar|year|année)/i],
];

const plain = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .trim();

/** Best effort for a manifest from elsewhere: reads the metadata pairs whose labels name a field. */
export function sourceFromManifest(model: ManifestModel, lang: Lang, url: string): CitationSource {
  const src: CitationSource = { authors: [], title: plain(pickText(model.label, lang)), url };
  for (const { label, value } of model.metadata) {
    const labels = Object.values(label).flat().join(' ');
    const text = plain(pickText(value, lang));
    if (text === '') continue;
    const field = FIELD_PATTERNS.find(([, re]) => re.test(labels))?.[0];
    if (field === 'authors') src.authors.push(text);
    else if (field && src[field] === undefined) src[field] = text;
  }
  if (!src.institution) {
    const provider = model.provider[0];
    if (provider) src.institution = pickText(provider.label, lang);
  }
  return src;
}
