// Metadata and summary values made safe for IIIF Presentation 3 clients: a value that is HTML keeps
// only the tags and attributes the specification allows (a, b, br, i, img, p, small, span, sub, sup;
// href on a, src and alt on img), and anything else stays plain text. The manifest builders run
// every catalogue string through here, because METS, CSV and JSON sources are not trusted.
// sanitize-html (with the CSS parser it brings, 50 ms to load) loads at the first value with
// markup: most catalogue values are plain text, and many ingests never need it.
import { createRequire } from 'node:module';
import type { InternationalString } from '@iiif/presentation-3';
import type sanitizeHtml from 'sanitize-html';

const require = createRequire(import.meta.url);
let sanitizer: typeof sanitizeHtml | undefined;

const ABSOLUTE_HTTP = /^https?:\/\/[^/]/i;
const ABSOLUTE_LINK = /^(?:https?:\/\/[^/]|mailto:)/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['a', 'b', 'br', 'i', 'img', 'p', 'small', 'span', 'sub', 'sup'],
  allowedAttributes: { a: ['href'], img: ['src', 'alt'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'title', 'head'],
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
  // A relative link or image would resolve against whichever viewer shows the manifest.
  transformTags: {
    a: (tagName, attribs) => {
      const kept: sanitizeHtml.Attributes = {};
      if (attribs.href !== undefined && ABSOLUTE_LINK.test(attribs.href)) kept.href = attribs.href;
      return { tagName, attribs: kept };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !ABSOLUTE_HTTP.test(frame.attribs.src ?? ''),
};

/** Markup that a client might render: a tag, a comment or a CDATA section. */
const MARKUP = /<(?:\/?[a-z][^>]*>|!--|!\[cdata\[|\?)/i;

/**
 * A value safe to publish. Plain text (nothing tag-like in it) is returned verbatim, `&` and a lone
 * `<` included, since IIIF clients show such values as text. Anything with markup becomes HTML
 * reduced to the allowed subset and, as the specification requires of HTML values, starts with `<`
 * and ends with `>` (wrapped in `<span>` when needed) so clients know to render it as HTML.
 */
export function sanitizeValue(value: string): string {
  if (!MARKUP.test(value)) return value;
  const trimmed = value.trim();
  const html = trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed : `<span>${trimmed}</span>`;
  sanitizer ??= require('sanitize-html') as typeof sanitizeHtml;
  const clean = sanitizer(html, OPTIONS).trim();
  if (clean === '') return '';
  return clean.startsWith('<') && clean.endsWith('>') ? clean : `<span>${clean}</span>`;
}

/** A language map with every value sanitised; values that sanitise to nothing are dropped. */
export function sanitizeLanguageMap(map: InternationalString): InternationalString {
  const out: InternationalString = {};
  for (const [lang, values] of Object.entries(map)) {
    const clean = (values ?? []).map(sanitizeValue).filter((v) => v !== '');
    if (clean.length > 0) out[lang] = clean;
  }
  return out;
}
