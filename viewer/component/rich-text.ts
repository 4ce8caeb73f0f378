// A IIIF language map as template content in the reader's language: HTML values (per the IIIF rule)
// sanitised to IIIF's small tag set, anything else as plain text. Shared by the about panel and the
// attribution line under the viewer, which both show manifest metadata.
import { html, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Lang } from './i18n.ts';
import { pickText } from './manifest-model.ts';
import { isIiifHtml, sanitizeIiifHtml } from './sanitize.ts';

export function richText(map: Parameters<typeof pickText>[0], lang: Lang): TemplateResult {
  const value = pickText(map, lang, '\n');
  return isIiifHtml(value) ? html`${unsafeHTML(sanitizeIiifHtml(value))}` : html`${value}`;
}
