// Metadata HTML from a manifest, cut down to what the IIIF Presentation API allows (a, b, br, i,
// img, p, small, span, sub, sup) with DOMPurify, so a hostile manifest cannot run script in the
// reading room. Values that are not HTML per the spec (not wrapped in one element) stay plain text.
// Links keep their href only when manifests/safe-url.ts allows it (http and https), as everywhere else.
import DOMPurify from 'dompurify';
import { linkHref } from '../../manifests/safe-url.ts';

const ALLOWED_TAGS = ['a', 'b', 'br', 'i', 'img', 'p', 'small', 'span', 'sub', 'sup'];
const ALLOWED_ATTR = ['href', 'src', 'alt'];

let hooked = false;

/** True when IIIF says to treat the value as HTML: it starts with `<` and ends with `>`. */
export function isIiifHtml(value: string): boolean {
  const v = value.trim();
  return v.startsWith('<') && v.endsWith('>');
}

export function sanitizeIiifHtml(value: string): string {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        const href = node.getAttribute('href');
        if (href !== null && linkHref(href) === undefined) node.removeAttribute('href');
        node.setAttribute('rel', 'noopener noreferrer');
        node.setAttribute('target', '_blank');
      }
    });
    hooked = true;
  }
  return DOMPurify.sanitize(value, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^https?:/i,
  });
}
