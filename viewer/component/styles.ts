// The look of <leeszaal-viewer>: calm, high-contrast, large targets for a classroom screen and a
// phone alike. Hosts theme it through the custom properties below and the exported CSS parts.
// The panels and the compare bar are elements of their own, and shadow DOM keeps this sheet out of
// them: they take `controlStyles` (and the panels `panelStyles`) so they look as they did inside it.
import { css } from 'lit';

/** Buttons, fields and focus rings as the viewer draws them (its custom properties reach them by inheritance). */
export const controlStyles = css`
  *, *::before, *::after { box-sizing: inherit; }
  button, select, input, textarea {
    font: inherit; color: var(--leeszaal-ink); background: var(--leeszaal-surface); border: 1px solid var(--leeszaal-control-line); border-radius: 4px;
    min-height: 2.5rem; min-width: 2.5rem; padding: 0.25rem 0.55rem; cursor: pointer; text-decoration: none;
  }
  input[type='checkbox'] { min-width: 0; min-height: 0; width: 1.25rem; height: 1.25rem; vertical-align: middle; }
  button[aria-pressed='true'], button[aria-expanded='true'] { background: var(--leeszaal-accent); color: var(--leeszaal-on-accent); border-color: var(--leeszaal-accent); }
  button[aria-disabled='true'] { color: var(--leeszaal-disabled); border-color: var(--leeszaal-disabled-line); cursor: default; }
  :focus-visible { outline: 3px solid var(--leeszaal-focus); outline-offset: 2px; }
  /* Shadow DOM keeps a host page's link colour out, and the browser's own blue would be the only one on the page. */
  a { color: var(--leeszaal-accent); }
  a:hover { text-decoration-thickness: 2px; }
  button svg { display: block; margin: auto; }
  .sr-only {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
  }
`;

/** The body of a side panel: definition lists, full-width fields, compact lists. */
export const panelStyles = [
  controlStyles,
  css`
    :host { display: block; }
    dl { margin: 0; }
    dt { font-weight: 600; margin-top: 0.5rem; }
    dd { margin: 0 0 0.2rem; overflow-wrap: anywhere; }
    img { max-width: 100%; }
    textarea { width: 100%; min-height: 7rem; cursor: text; }
    input[readonly] { width: 100%; cursor: text; }
    ul { padding-inline-start: 1.1rem; }
    li { margin: 0.25rem 0; }
  `,
];

const shellStyles = css`
  :host {
    --leeszaal-bg: #1d1b19;
    --leeszaal-bar: #f4f1ec;
    --leeszaal-ink: #1b1b1b;
    --leeszaal-accent: #8a3b12;
    --leeszaal-focus: #1a5fb4;
    /* Panels and controls, text on the accent, text that says less, lines, the current thumbnail. */
    --leeszaal-surface: #fff;
    --leeszaal-on-accent: #fff;
    --leeszaal-muted: #4a4a4a;
    --leeszaal-line: #bbb;
    --leeszaal-control-line: #666;
    --leeszaal-disabled: #767676;
    --leeszaal-disabled-line: #999;
    --leeszaal-accent-soft: #f6e7dc;
    --leeszaal-mark: #ffe08a;
    color-scheme: light dark;
    display: block;
    position: relative;
    height: var(--leeszaal-height, min(85vh, 1100px));
    min-height: 360px;
    color: var(--leeszaal-ink);
    background: var(--leeszaal-bar);
    font-family: system-ui, sans-serif;
    font-size: 1rem;
    box-sizing: border-box;
    border: 1px solid var(--leeszaal-line);
  }
  /* A device set to dark gets a dark viewer: text 4.5:1 and lines 3:1 against what they sit on, the
     accent's brown-orange lightened. A host page's own values for these properties still win. */
  @media (prefers-color-scheme: dark) {
    :host {
      --leeszaal-bar: #2a2724;
      --leeszaal-ink: #ece7df;
      --leeszaal-accent: #f0a06a;
      --leeszaal-focus: #8ab4ff;
      --leeszaal-surface: #1f1d1b;
      --leeszaal-on-accent: #1b1917;
      --leeszaal-muted: #c4bdb3;
      --leeszaal-line: #5a544d;
      --leeszaal-control-line: #9a938a;
      --leeszaal-disabled: #8f8a84;
      --leeszaal-disabled-line: #5a544d;
      --leeszaal-accent-soft: #4a2e1c;
      --leeszaal-mark: #5c4400;
    }
  }
  :host(:fullscreen) { height: 100vh; border: 0; }
  /* The viewer's own width decides its layout (container queries below), not the screen's: a museum page may embed it in a narrow column. */
  .frame { display: flex; flex-direction: column; height: 100%; container: leeszaal / inline-size; }
  .toolbar {
    display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; padding: 0.35rem; border-bottom: 1px solid var(--leeszaal-line); position: relative;
  }
  /* Wide: the "more" controls sit in the toolbar itself and their toggle is not needed. */
  .more { display: contents; }
  #more { display: none; }
  .group { display: flex; gap: 0.2rem; align-items: center; }
  .toolbar .spacer { flex: 1; }
  .main { flex: 1; display: flex; min-height: 0; position: relative; }
  .stage { flex: 1; display: flex; gap: 4px; background: var(--leeszaal-bg); min-width: 0; position: relative; }
  .osd { flex: 1; position: relative; min-width: 0; }
  .osd[hidden] { display: none; }
  .osd:focus-within { outline: 3px solid var(--leeszaal-focus); outline-offset: -3px; }
  .message { color: #fff; padding: 1rem; margin: auto; max-width: 40rem; }
  .panel {
    width: min(24rem, 45%); overflow: auto; padding: 0.75rem 1rem; border-left: 1px solid var(--leeszaal-line); background: var(--leeszaal-surface);
  }
  .panel h2 { font-size: 1.15rem; margin: 0 0 0.6rem; }
  .panel-head { display: flex; justify-content: space-between; align-items: start; gap: 0.5rem; }
  .thumbs-placeholder { height: 134px; flex: none; }
  leeszaal-thumbnails { flex: none; }
  /* A rights URL is one long word: it breaks rather than widen a phone's page. */
  .attribution {
    font-size: 0.85rem; padding: 0.25rem 0.5rem; border-top: 1px solid var(--leeszaal-line); display: flex; gap: 0.2rem 1rem; flex-wrap: wrap; overflow-wrap: anywhere;
  }
  .attribution span { min-width: 0; }
  .attribution a { color: var(--leeszaal-accent); }
  .hit { border: 3px solid #ffb000; background: rgba(255, 200, 0, 0.25); box-sizing: border-box; }
  .hit.current { border-color: #e00060; background: rgba(224, 0, 96, 0.18); }
  .collection { list-style: none; margin: 0; padding: 1rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 1rem; overflow: auto; }
  .collection button { width: 100%; height: 100%; display: flex; flex-direction: column; align-items: center; gap: 0.4rem; }
  .collection img { max-width: 100%; max-height: 12rem; object-fit: contain; }
  .collection-title { font-size: 1.2rem; margin: 0; padding: 0.75rem 1rem 0; }
  .collection { flex: 1; min-height: 0; align-content: start; }
  .collection .date { font-size: 0.9rem; color: var(--leeszaal-muted); }
  .trail { padding: 0.35rem; border-bottom: 1px solid var(--leeszaal-line); }
  .trail button { display: inline-flex; align-items: center; gap: 0.4rem; }
  .trail button svg { margin: 0; }
  .notice { position: absolute; top: 0.75rem; left: 50%; transform: translateX(-50%); z-index: 4; width: min(36rem, calc(100% - 1.5rem)); }
  .notice p { margin: 0 0 0.4rem; padding: 0.6rem 0.9rem; background: var(--leeszaal-surface); color: var(--leeszaal-ink); border-left: 6px solid #b3261e; border-radius: 4px; }
  /* A phone: the viewer is the screen's height (the dynamic one, as the browser's own bars come and go), so with its toolbar scrolled to the top the page and its text fill the screen. */
  @media (max-width: 700px) {
    :host { height: var(--leeszaal-height, 100dvh); }
  }
  /* Narrow: one row (page turning, the page list, search in the book, "more"); the other controls
     drop down below it as a labelled two-column menu when "more" is open. */
  @container leeszaal (max-width: 860px) {
    .toolbar { flex-wrap: nowrap; }
    .toolbar > .group:first-child { flex: 1; min-width: 0; }
    #page-select { flex: 1; min-width: 0; width: 100%; }
    #more { display: block; }
    .more { display: none; }
    .more.open {
      display: grid; grid-template-columns: 1fr 1fr; gap: 0.3rem; position: absolute; top: 100%; left: 0; right: 0; z-index: 6;
      padding: 0.5rem; background: var(--leeszaal-bar); border-bottom: 1px solid var(--leeszaal-line); box-shadow: 0 6px 12px rgba(0, 0, 0, 0.3);
    }
    .more.open .group { display: contents; }
    .more.open .spacer { display: none; }
    .more.open select { grid-column: 1 / -1; }
    .more.open button { display: flex; align-items: center; gap: 0.5rem; text-align: start; }
    .more.open button svg { margin: 0; flex: none; }
    .more.open .sr-only { position: static; width: auto; height: auto; margin: 0; overflow: visible; clip: auto; white-space: normal; }
    .more.open label.sr-only { grid-column: 1 / -1; font-weight: 600; }
  }
  /* The narrowest (a 320-pixel phone, or 400 % zoom): the page list gives up some padding so its page number shows whole. */
  @container leeszaal (max-width: 320px) {
    #page-select { padding-inline: 0.2rem; }
  }
  /* Phone-sized: a panel is a sheet under the page, at most half the height, so the page (and a
     search hit outlined on it) stays in view; the thumbnail strip gives way while it is open. */
  @container leeszaal (max-width: 600px) {
    .main { flex-direction: column; }
    .panel { width: auto; flex: none; max-height: 50%; border-left: 0; border-top: 2px solid var(--leeszaal-accent); }
    .main:has(.panel) ~ leeszaal-thumbnails, .main:has(.panel) ~ .thumbs-placeholder { display: none; }
  }
`;

export const viewerStyles = [controlStyles, shellStyles];
