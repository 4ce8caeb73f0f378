// `<leeszaal-download-panel>`: links to take the item away: the part of the page in view, the whole
// page as a JPEG, what the manifest offers as `rendering` (the book as PDF and as text, on a Leeszaal
// server), the IIIF manifest, and a drag-and-drop link for other IIIF viewers. For researchers
// and teachers who want the image in a paper or a lesson. Shows only; sends no events.
import { html, LitElement, nothing } from 'lit';
import type { Region, Rotation } from '../deep-link.ts';
import { type Lang, t } from '../i18n.ts';
import { dragAndDropUrl, pageUrl, PAGE_DOWNLOAD_WIDTH, regionUrl } from '../image-urls.ts';
import { type ManifestModel, type Page, pickText } from '../manifest-model.ts';
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
      ${view ? html`<li><a href=${view} download>${t(this.lang, 'download.view')}</a></li>` : nothing}
      ${whole ? html`<li><a href=${whole.url} download>${t(this.lang, 'download.page', { width: Math.min(whole.width, PAGE_DOWNLOAD_WIDTH) })}</a></li>` : nothing}
      ${this.rendering.map((r) => html`<li><a href=${r.id} download>${r.label ? pickText(r.label, this.lang) : r.format}</a></li>`)}
      <li><a href=${this.manifest}>${t(this.lang, 'download.manifest')}</a></li>
      <li><a href=${dragAndDropUrl(this.manifest)}>${t(this.lang, 'download.dragDrop')}</a></li>
    </ul>`;
  }
}

if (!customElements.get('leeszaal-download-panel')) customElements.define('leeszaal-download-panel', LeeszaalDownloadPanel);
