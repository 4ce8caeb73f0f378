// `<leeszaal-download-panel>`: links to take the item away: the part of the page in view, the whole
// page as a JPEG, what the manifest offers as `rendering` (the book as PDF and as text, on a Leeszaal
// server), the IIIF manifest, and a drag-and-drop link for other IIIF viewers. For researchers and
// teachers who want the image in a paper or a lesson. The URLs come from the manifest, so they are
// linked only when safe-link.ts allows. Shows only; sends no events.
import { html, LitElement, nothing } from 'lit';
import type { Region, Rotation } from '../deep-link.ts';
import { type Lang, t } from '../i18n.ts';
import { dragAndDropUrl, pageUrl, PAGE_DOWNLOAD_WIDTH, regionUrl } from '../image-urls.ts';
import { type ManifestModel, type Page, pickText } from '../manifest-model.ts';
import { linkOrText } from '../safe-link.ts';
import { panelStyles } from '../styles.ts';

export class LeeszaalDownloadPanel extends LitElement {
  static override properties = {
    manifest: { type: String },
    rendering: { attribute: false },
    page: { attribute: false },
    region: { attribute: false },
    rotation: { type: Number },
    lang: { type: String },
  };

  declare manifest: string;
  /** The manifest's downloads (`rendering`). */
  declare rendering: ManifestModel['rendering'];
  /** The page the view is on. */
  declare page: Page | undefined;
  /** The part of `page` in view; undefined when the whole page is. */
  declare region: Region | undefined;
  declare rotation: Rotation;
  declare lang: Lang;

  static override styles = panelStyles;

  constructor() {
    super();
    this.manifest = '';
    this.rendering = [];
    this.rotation = 0;
    this.lang = 'nl';
  }

  override render() {
    const page = this.page;
    if (!page) return nothing;
    const view = this.region ? regionUrl(page, this.region, this.rotation) : undefined;
    const whole = pageUrl(page);
    return html`<ul>
      ${view ? html`<li>${linkOrText(view, t(this.lang, 'download.view'), { download: true })}</li>` : nothing}
      ${whole ? html`<li>${linkOrText(whole.url, t(this.lang, 'download.page', { width: Math.min(whole.width, PAGE_DOWNLOAD_WIDTH) }), { download: true })}</li>` : nothing}
      ${this.rendering.map((r) => html`<li>${linkOrText(r.id, r.label ? pickText(r.label, this.lang) : r.format, { download: true })}</li>`)}
      <li>${linkOrText(this.manifest, t(this.lang, 'download.manifest'))}</li>
      <li>${linkOrText(dragAndDropUrl(this.manifest), t(this.lang, 'download.dragDrop'))}</li>
    </ul>`;
  }
}

if (!customElements.get('leeszaal-download-panel')) customElements.define('leeszaal-download-panel', LeeszaalDownloadPanel);
