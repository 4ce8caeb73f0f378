// `<leeszaal-download-panel>`: links to take the item away. This page: the part in view and the whole
// page as a JPEG, and what its canvas offers (its text as printed and in modern spelling, its source
// ALTO); the whole book (<leeszaal-book-downloads>: the PDF with a choice of pages and size, the
// text, the citation files); the IIIF manifest and a drag-and-drop link for other IIIF viewers. For
// researchers, teachers and pupils who want the page or the book in a paper or a lesson. What is
// offered beyond the images comes from the served manifest (downloads.ts), so a static publication
// shows no link that leads nowhere; the URLs are linked only when safe-link.ts allows. Shows only;
// sends no events.
import { css, html, LitElement, nothing } from 'lit';
import type { Region, Rotation } from '../deep-link.ts';
import { type Lang, t } from '../i18n.ts';
import { pageDownloads, textUrl } from '../downloads.ts';
import { dragAndDropUrl, pageUrl, PAGE_DOWNLOAD_WIDTH, regionUrl } from '../image-urls.ts';
import { type ManifestModel, type Page, pickText } from '../manifest-model.ts';
import { linkOrText } from '../safe-link.ts';
import { panelStyles } from '../styles.ts';
import './book-downloads.ts';

export class LeeszaalDownloadPanel extends LitElement {
  static override properties = {
    manifest: { type: String },
    rendering: { attribute: false },
    pages: { attribute: false },
    page: { attribute: false },
    region: { attribute: false },
    rotation: { type: Number },
    lang: { type: String },
  };

  declare manifest: string;
  /** The manifest's downloads (`rendering`). */
  declare rendering: ManifestModel['rendering'];
  /** All the manifest's pages, for the PDF's range. */
  declare pages: Page[];
  /** The page the view is on. */
  declare page: Page | undefined;
  /** The part of `page` in view; undefined when the whole page is. */
  declare region: Region | undefined;
  declare rotation: Rotation;
  declare lang: Lang;

  static override styles = [panelStyles, css`h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }`];

  constructor() {
    super();
    this.manifest = '';
    this.rendering = [];
    this.pages = [];
    this.rotation = 0;
    this.lang = 'nl';
  }

  override render() {
    const page = this.page;
    if (!page) return nothing;
    const view = this.region ? regionUrl(page, this.region, this.rotation) : undefined;
    const whole = pageUrl(page);
    const own = pageDownloads(page);
    const pageLinks: [string, string][] = [
      ...(own.text
        ? ([
            [textUrl(own.text, this.lang), t(this.lang, 'download.pageText')],
            [textUrl(own.text, this.lang, 'modern'), t(this.lang, 'download.pageTextModern')],
          ] as [string, string][])
        : []),
      ...(own.alto ? ([[own.alto, t(this.lang, 'download.alto')]] as [string, string][]) : []),
      ...own.other.map((r): [string, string] => [r.id, r.label ? pickText(r.label, this.lang) : (r.format ?? r.id)]),
    ];
    return html`<h3>${t(this.lang, 'download.thisPage')}</h3>
      <ul>
        ${view ? html`<li>${linkOrText(view, t(this.lang, 'download.view'), { download: true })}</li>` : nothing}
        ${whole ? html`<li>${linkOrText(whole.url, t(this.lang, 'download.page', { width: Math.min(whole.width, PAGE_DOWNLOAD_WIDTH) }), { download: true })}</li>` : nothing}
        ${pageLinks.map(([url, label]) => html`<li>${linkOrText(url, label, { download: true })}</li>`)}
      </ul>
      <leeszaal-book-downloads .pages=${this.pages} .rendering=${this.rendering} .lang=${this.lang}></leeszaal-book-downloads>
      <h3>${t(this.lang, 'download.iiif')}</h3>
      <ul>
        <li>${linkOrText(this.manifest, t(this.lang, 'download.manifest'))}</li>
        <li>${linkOrText(dragAndDropUrl(this.manifest), t(this.lang, 'download.dragDrop'))}</li>
      </ul>`;
  }
}

if (!customElements.get('leeszaal-download-panel')) customElements.define('leeszaal-download-panel', LeeszaalDownloadPanel);
