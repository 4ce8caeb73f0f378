// Links to URLs that come from data (a manifest's rights, homepage, seeAlso, image service and the
// like): an anchor only for http(s) and relative URLs (manifests/safe-url.ts), the text unlinked for
// anything else, so a `javascript:` URL in a manifest never becomes something a reader can click on
// a page that embeds the viewer without a content policy. Lit templates and plain DOM alike.
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { linkHref } from '../../manifests/safe-url.ts';

/** `<a href=url>` around `content`, or `content` alone when `url` may not be linked. */
export function linkOrText(url: string | undefined, content: unknown, options: { rel?: string; download?: boolean } = {}): TemplateResult {
  const href = linkHref(url);
  if (href === undefined) return html`${content}`;
  return options.download
    ? html`<a href=${href} rel=${ifDefined(options.rel)} download>${content}</a>`
    : html`<a href=${href} rel=${ifDefined(options.rel)}>${content}</a>`;
}

/** The same for plain DOM (the site's pages): an anchor, or a text node. */
export function linkNode(url: string | undefined, text: string, rel?: string): Node {
  const href = linkHref(url);
  if (href === undefined) return document.createTextNode(text);
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  if (rel) a.rel = rel;
  return a;
}
