// `<leeszaal-contents-panel>`: the item's table of contents (its IIIF ranges) as nested lists, for a
// reader who wants a chapter rather than a page number. Choosing an entry sends `page-select`.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { emit } from '../events.ts';
import { type Lang, t } from '../i18n.ts';
import { pickText, type TocNode } from '../manifest-model.ts';
import { panelStyles } from '../styles.ts';

export class LeeszaalContentsPanel extends LitElement {
  static override properties = {
    toc: { attribute: false },
    lang: { type: String },
  };

  declare toc: TocNode[];
  declare lang: Lang;

  static override styles = [
    panelStyles,
    css`
      .toc button { text-align: start; border: 0; background: none; text-decoration: underline; padding: 0.2rem; min-height: 2rem; }
    `,
  ];

  constructor() {
    super();
    this.toc = [];
    this.lang = 'nl';
  }

  private renderToc(nodes: TocNode[]): TemplateResult {
    return html`<ul class="toc">
      ${nodes.map(
        (n) => html`<li>
          ${
            n.start >= 0
              ? html`<button type="button" @click=${() => emit(this, 'page-select', { index: n.start })}>${pickText(n.label, this.lang)}</button>`
              : pickText(n.label, this.lang)
          }
          ${n.children.length > 0 ? this.renderToc(n.children) : nothing}
        </li>`,
      )}
    </ul>`;
  }

  override render() {
    return this.toc.length > 0 ? this.renderToc(this.toc) : html`<p>${t(this.lang, 'panel.noToc')}</p>`;
  }
}

if (!customElements.get('leeszaal-contents-panel')) customElements.define('leeszaal-contents-panel', LeeszaalContentsPanel);
