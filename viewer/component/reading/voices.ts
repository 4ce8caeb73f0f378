// Which language a page is read aloud in, and with which of the device's voices: the language the
// text annotations give, else the item's "Language" metadata (a name in nl, fr or en, or a code);
// the voice is one whose language is that language, a local one first (nothing leaves the device).
// Pure: the voice list is passed in, so it is unit-tested without a speech engine.
import type { LabelValue } from '../manifest-model.ts';

/** The fields of a SpeechSynthesisVoice that matter here. */
export interface VoiceLike {
  name: string;
  lang: string;
  localService: boolean;
  default: boolean;
}

const primary = (tag: string) => tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/** A voice for `language` (BCP 47): the same tag first, then any of its primary language; local and default voices before others. */
export function pickVoice<V extends VoiceLike>(voices: readonly V[], language: string): V | undefined {
  const want = language.toLowerCase();
  const matching = voices.filter((v) => primary(v.lang) === primary(want));
  const score = (v: V) => (v.lang.toLowerCase() === want ? 4 : 0) + (v.localService ? 2 : 0) + (v.default ? 1 : 0);
  // A stable sort keeps the device's own order among equals (espeak-ng lists a language's plain voice before its variants).
  return [...matching].sort((a, b) => score(b) - score(a))[0];
}

const LANGUAGE_LABEL = /^(language|languages|taal|talen|langue|langues|sprache)$/i;
/** Languages of the collections we hold and their neighbours; a metadata name is matched against their names. */
const CANDIDATES = ['de', 'nl', 'fr', 'la', 'en', 'it', 'es', 'pt', 'da', 'sv', 'pl', 'cs', 'el', 'he', 'fy', 'wa', 'li', 'yi', 'ar', 'ru'];
const CODE = /^[a-z]{2,3}$/i;

function codeOfName(name: string): string | undefined {
  const n = name.trim().toLowerCase();
  if (CODE.test(n)) return n.length === 2 ? n : (ISO639_2[n] ?? undefined);
  for (const ui of ['en', 'nl', 'fr', 'de']) {
    const names = new Intl.DisplayNames([ui], { type: 'language' });
    const hit = CANDIDATES.find((c) => names.of(c)?.toLowerCase() === n);
    if (hit) return hit;
  }
  return undefined;
}

/** Three-letter codes as catalogues write them (bibliographic and terminological) for the candidate languages. */
const ISO639_2: Readonly<Record<string, string>> = {
  ger: 'de',
  deu: 'de',
  dut: 'nl',
  nld: 'nl',
  fre: 'fr',
  fra: 'fr',
  lat: 'la',
  eng: 'en',
  ita: 'it',
  spa: 'es',
  por: 'pt',
  dan: 'da',
  swe: 'sv',
  pol: 'pl',
  cze: 'cs',
  ces: 'cs',
  gre: 'el',
  ell: 'el',
  heb: 'he',
};

/** The language to read a page in: the text's own, else the first the manifest's metadata names; undefined when neither says. */
export function speechLanguage(textLanguage: string | undefined, metadata: readonly LabelValue[]): string | undefined {
  if (textLanguage) return textLanguage;
  for (const { label, value } of metadata) {
    if (!Object.values(label).some((ls) => ls?.some((l) => LANGUAGE_LABEL.test(l.trim())))) continue;
    for (const v of Object.values(value).flat()) {
      for (const part of (v ?? '').split(/[;,/]/)) {
        const code = codeOfName(part);
        if (code) return code;
      }
    }
  }
  return undefined;
}
