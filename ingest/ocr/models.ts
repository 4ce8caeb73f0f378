// Which Tesseract models read an item's pages: the item's languages (ISO 639-2/B, as ItemRecord keeps
// them) mapped to Debian's models, with the Fraktur script model for German print before 1900, when
// most of it was set in blackletter. Pure, so the choice is tested table-driven and is part of the
// OCR cache key (a changed choice recognises the pages again).
import type { OCR_LANGUAGES } from '../../config.ts';
import { parseDateRange } from '../../manifests/dates.ts';

export type FrakturSetting = 'auto' | 'always' | 'never';

/** ISO 639-2/B → the Tesseract model of that language (tesseract-ocr-<model> in Debian); config.ts's OCR_LANGUAGES. */
const MODEL_OF: Record<(typeof OCR_LANGUAGES)[number], string> = { ger: 'deu', dut: 'nld', fre: 'fra', lat: 'lat', eng: 'eng' };

/**
 * Blackletter: Debian's `Fraktur` (tesseract-ocr-script-frak) with `frk` (tesseract-ocr-frk, German
 * Fraktur) gave the lowest character error rate on the Kant pages of 1784 (docs/benchmarks.md):
 * 8.7% against 9.5% for `Fraktur` alone, 10.4% for `frk` alone and 14.2% for `deu`.
 */
export const FRAKTUR_MODELS = ['Fraktur', 'frk'] as const;

/** German print before this year is taken to be in Fraktur unless OCR_FRAKTUR says otherwise. */
export const FRAKTUR_BEFORE = 1900;

export interface ModelChoice {
  languages: readonly string[];
  date?: string | undefined;
  fraktur: FrakturSetting;
  /** Models for items whose languages have none (ISO 639-2/B codes, mapped like the item's). */
  fallback: readonly string[];
}

/** The `-l` argument for Tesseract, models joined with `+` (the first is tried first). */
export function ocrModels(choice: ModelChoice): string {
  let models = unique(choice.languages.flatMap((l) => MODEL_OF[l as keyof typeof MODEL_OF] ?? []));
  if (models.length === 0) models = unique(choice.fallback.flatMap((l) => MODEL_OF[l as keyof typeof MODEL_OF] ?? []));
  if (models.length === 0) models = ['eng'];
  if (useFraktur(choice, models)) models = unique([...FRAKTUR_MODELS, ...models.filter((m) => m !== 'deu')]);
  return models.join('+');
}

function useFraktur(choice: ModelChoice, models: readonly string[]): boolean {
  if (choice.fraktur !== 'auto') return choice.fraktur === 'always';
  if (!models.includes('deu')) return false;
  const years = parseDateRange(choice.date);
  return years !== undefined && years.from < FRAKTUR_BEFORE;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
