// `<leeszaal-compare-view>`: the second deep-zoom view of compare mode, beside the main one, so a
// reader can set a page against another page of this item or of another. Keeps itself and the main
// view showing the same part of their pages while `sync` is on. Deep zoom is imperative, so the shell
// drives it by `show()`, as it drives the main view.
import { css, html, LitElement } from 'lit';
import type { Rotation } from '../deep-link.ts';
import { DeepZoom } from '../deep-zoom.ts';
import type { Page } from '../manifest-model.ts';

export class LeeszaalCompareView extends LitElement {
  /** Zooming and panning either view moves the other; off while the view is hidden. */
  sync = false;
  /** Made on the first `show()`, so a viewer never in compare mode never loads a second OpenSeadragon. */
  zoom: DeepZoom | undefined;
  private primary: DeepZoom | undefined;
  private syncing = false;

  static override styles = css`
    :host { position: relative; }
    .view { position: absolute; inset: 0; }
  `;

  override disconnectedCallback(): void {
    this.primary?.osd.removeHandler('viewport-change', this.followPrimary);
    this.primary = undefined;
    this.zoom?.destroy();
    this.zoom = undefined;
    super.disconnectedCallback();
  }

  /** Shows `page` turned by `rotation`, beside (and, with `sync`, in step with) the main view. */
  async show(page: Page, rotation: Rotation, primary: DeepZoom): Promise<void> {
    await this.updateComplete;
    if (!this.zoom) {
      const zoom = new DeepZoom(this.renderRoot.querySelector<HTMLElement>('.view')!, {
        onView: () => undefined,
        onFirstTile: () => undefined,
        onImageFailed: () => undefined,
      });
      zoom.osd.addHandler('viewport-change', () => this.follow(zoom, this.primary));
      this.zoom = zoom;
    }
    if (primary !== this.primary) {
      this.primary?.osd.removeHandler('viewport-change', this.followPrimary);
      primary.osd.addHandler('viewport-change', this.followPrimary);
      this.primary = primary;
    }
    await this.zoom.show([page]);
    this.zoom.setRotation(rotation, true);
    this.zoom.resize();
    primary.resize();
    this.follow(primary, this.zoom);
  }

  private readonly followPrimary = (): void => this.follow(this.primary, this.zoom);

  private follow(from: DeepZoom | undefined, to: DeepZoom | undefined): void {
    if (!this.sync || this.syncing || !from || !to) return;
    this.syncing = true;
    to.fitRelative(from.relativeBounds());
    this.syncing = false;
  }

  override render() {
    return html`<div class="view"></div>`;
  }
}

if (!customElements.get('leeszaal-compare-view')) customElements.define('leeszaal-compare-view', LeeszaalCompareView);
