// `<leeszaal-about-panel>`: what the manifest says about the item (title, summary, metadata, rights,
// provider, the manifest's own address), for a reader checking what they are looking at. Metadata
// HTML is sanitised by rich-text.ts; links from the manifest go through safe-link.ts. Shows only;
// sends no events.
import { html, LitElement, nothing } from 'lit';
import { rightsName } from '../../../manifests/rights-names.ts';
import { type Lang, t } from '../i18n.ts';
import { type ManifestModel, pickText } from '../manifest-model.ts';
import { richText } from '../rich-text.ts';
import { linkOrText } from '../safe-link.ts';
import { panelStyles } from '../styles.ts';

export class LeeszaalAboutPanel extends LitElement {
  static override properties = {
    model: { attribute: false },
    lang: { type: String },
  };

  declare model: ManifestModel | undefined;
  declare lang: Lang;

  static override styles = panelStyles;

  constructor() {
    super();
    this.lang = 'nl';
  }

  override render() {
    const model = this.model;
    if (!model) return nothing;
    const lang = this.lang;
    return html`<h3>${pickText(model.label, lang)}</h3>
      ${model.summary ? html`<p>${richText(model.summary, lang)}</p>` : nothing}
      <dl>
        ${model.metadata.map((m) => html`<dt>${pickText(m.label, lang)}</dt><dd>${richText(m.value, lang)}</dd>`)}
        ${model.requiredStatement ? html`<dt>${pickText(model.requiredStatement.label, lang)}</dt><dd>${richText(model.requiredStatement.value, lang)}</dd>` : nothing}
        ${model.rights ? html`<dt>${t(lang, 'info.rights')}</dt><dd>${linkOrText(model.rights, rightsName(model.rights, lang), { rel: 'license' })}</dd>` : nothing}
        ${model.provider.map((p) => html`<dt>${t(lang, 'info.provider')}</dt><dd>${linkOrText(p.homepage, pickText(p.label, lang))}</dd>`)}
        <dt>${t(lang, 'info.manifest')}</dt><dd>${linkOrText(model.id, model.id)}</dd>
      </dl>`;
  }
}

if (!customElements.get('leeszaal-about-panel')) customElements.define('leeszaal-about-panel', LeeszaalAboutPanel);
