// Helpers for IIIF language maps (InternationalString): building them from catalogue strings, turning
// ISO 639-2 codes into the BCP 47 tags IIIF requires, and picking a display string. Used by the
// manifest builders, and by search and the site when they need one string out of a map.
import type { InternationalString } from '@iiif/presentation-3';

/** The UI languages, in fallback order: Dutch first. */
export const UI_LANGUAGES = ['nl', 'fr', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** A label in each UI language. */
export type Trilingual = Readonly<Record<UiLanguage, string>>;

const NOT_A_LANGUAGE = new Set(['und', 'mul', 'zxx', 'mis']);

/**
 * BCP 47 tag for an ISO 639-2/B, 639-2/T or 639-3 code (`ger` → `de`, `dut` → `nl`, `lat` → `la`), or
 * the canonical form of a BCP 47 tag;
 * undefined for codes that are not a language (`und`, `mul`, `zxx`) or not valid at all.
 */
export function toBcp47(code: string): string | undefined {
  const c = code.trim().toLowerCase();
  if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(c) || NOT_A_LANGUAGE.has(c)) return undefined;
  try {
    return Intl.getCanonicalLocales(c)[0];
  } catch {
    return undefined;
  }
}

/** A one-value language map: in `language` (ISO 639 or BCP 47) when known, else under `none`. */
export function inLanguage(value: string | string[], language?: string): InternationalString {
  const values = Array.isArray(value) ? value : [value];
  const tag = language === undefined ? undefined : toBcp47(language);
  return { [tag ?? 'none']: values };
}

/**
 * The same map with every key a canonical BCP 47 tag (`ger` → `de`, `DUT` → `nl`); keys that are no
 * language (`und`, `zxx`, garbage) become `none`. Values of keys that meet are concatenated, and
 * empty value lists dropped. Catalogue records key titles by ISO 639-2 codes, IIIF needs BCP 47.
 */
export function normaliseLanguageMap(map: InternationalString): InternationalString {
  const out: InternationalString = {};
  for (const [key, values] of Object.entries(map)) {
    if (!values || values.length === 0) continue;
    const tag = key === 'none' ? 'none' : (toBcp47(key) ?? 'none');
    out[tag] = [...(out[tag] ?? []), ...values];
  }
  return out;
}

/** A language map with a translation in each UI language. */
export function trilingual(t: Trilingual): InternationalString {
  return { nl: [t.nl], fr: [t.fr], en: [t.en] };
}

/**
 * One display string from a language map: the first available of `preferred`, then `none`, then any
 * language; multiple values are joined with `; `. Undefined for an empty or missing map.
 */
export function pickString(map: InternationalString | null | undefined, preferred: readonly string[] = UI_LANGUAGES): string | undefined {
  if (!map) return undefined;
  const order = [...preferred, 'none', ...Object.keys(map)];
  for (const lang of order) {
    const values = map[lang];
    if (values && values.length > 0) return values.join('; ');
  }
  return undefined;
}

/** True for a well-formed non-empty language map: each key maps to a non-empty array of strings. */
export function isLanguageMap(value: unknown): value is InternationalString {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([, v]) => Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string'));
}
