// The look of the reading view: a calm reading column in the system's serif (no web font to
// download, except the bundled face for early print's letters when the printed text has them), sized in rem so browser zoom and the reader's own size both apply, dark when the
// device asks for it with contrast kept, and the layout of scan and text that the shell adopts.
import { css, unsafeCSS } from 'lit';
import { controlStyles } from '../styles.ts';
import { PRINT_FAMILY } from './print-font.ts';

export const textViewStyles = [
  controlStyles,
  css`
    :host {
      --paper: #fffdf8;
      --text-ink: #1b1b1b;
      --muted: #4a4a4a;
      --current: #fff1b8;
      /* The word being said, on the line being read: a deeper yellow with an underline, so it shows without relying on colour alone. */
      --word: #ffd75e;
      --word-mark: #8a3b12;
      --hover: #e8eefc;
      display: flex;
      flex-direction: column;
      min-height: 0;
      /* On a short screen the controls scroll away with the text rather than crowd it out. */
      overflow: auto;
      background: var(--paper);
      color: var(--text-ink);
    }
    .controls { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; padding: 0.3rem 0.5rem; border-bottom: 1px solid #bbb; }
    .read { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; }
    .controls .size { display: inline-flex; gap: 0.2rem; }
    .modern { display: inline-flex; gap: 0.35rem; align-items: center; margin-inline-end: 0.4rem; }
    .rate { display: inline-flex; gap: 0.3rem; align-items: center; flex-wrap: wrap; }
    .note { margin: 0.25rem 0; color: var(--muted); flex-basis: 100%; }
    [hidden] { display: none !important; }
    /* A phone: the reading-aloud buttons flow on with the others rather than start a row of their own, so the controls take three rows, not four. */
    @media (max-width: 700px) {
      .read { display: contents; }
      .text { padding-top: 0; }
    }
    .text {
      flex: 1 1 auto; overflow: auto; padding: 0.5rem 1.25rem 2rem; min-height: 10rem;
      font-family: 'Iowan Old Style', 'Palatino Linotype', Palatino, 'Book Antiqua', Georgia, 'DejaVu Serif', serif;
      font-size: calc(1.15rem * var(--text-scale, 1)); line-height: 1.6;
    }
    /* Printed text with the superscript e (U+0364, "aͤ"), ſ or ꝛ: few devices' faces draw them, so the whole text is set in the bundled one (a letter and its mark must come from one font). */
    .text.print { font-family: ${unsafeCSS(`'${PRINT_FAMILY}'`)}, 'Noto Serif', serif; }
    h3 { font-family: system-ui, sans-serif; font-size: 1rem; margin: 0.75rem 0 0.5rem; color: var(--muted); }
    .block { margin: 0 0 0.9em; max-width: 40em; }
    .line { display: block; border-radius: 3px; padding: 0 0.2em; margin: 0 -0.2em; cursor: pointer; }
    .line:hover, .line:focus { background: var(--hover); }
    .line[aria-current='true'] { background: var(--current); box-shadow: inset 3px 0 0 #8a3b12; }
    .line:focus-visible { outline: 3px solid var(--leeszaal-focus, #1a5fb4); outline-offset: 0; }
    .word { background: var(--word); color: var(--text-ink); border-radius: 2px; box-shadow: inset 0 -0.14em 0 var(--word-mark); }
    /* High-contrast modes drop backgrounds; the system's own highlight colours keep the word marked. */
    @media (forced-colors: active) {
      .word { forced-color-adjust: none; background: Mark; color: MarkText; box-shadow: none; }
    }
    @media (prefers-color-scheme: dark) {
      :host { --paper: #1e1c1a; --text-ink: #f2efe9; --muted: #c9c4bb; --current: #5a4300; --hover: #2d3a55; --word: #7a5800; --word-mark: #ffb000; }
      .controls { border-color: #555; }
      .line[aria-current='true'] { box-shadow: inset 3px 0 0 #ffb000; }
      .line:focus-visible { outline-color: #8ab4ff; }
    }
  `,
];

/** The shell's part: scan and text side by side on a wide screen; on a phone the reader's choice of either or both, stacked. */
export const readingLayoutStyles = css`
  leeszaal-text-view { width: min(34rem, 42%); border-left: 1px solid var(--leeszaal-line); }
  .line-outline { border: 3px solid #1a5fb4; background: rgba(26, 95, 180, 0.12); box-sizing: border-box; pointer-events: none; }
  .line-outline.current { border-color: #e00060; background: rgba(255, 200, 0, 0.22); }
  leeszaal-reading-layout { display: none; }
  @media (max-width: 700px) {
    leeszaal-reading-layout { display: flex; }
    .main[data-reading] { flex-direction: column; overflow: hidden; }
    .main[data-reading] leeszaal-text-view { width: auto; flex: 1 1 0; min-height: 0; border-left: 0; border-top: 1px solid var(--leeszaal-line); }
    .main[data-reading='both'] .stage { flex: 0 0 38%; }
    .main[data-reading='image'] leeszaal-text-view { display: none; }
    .main[data-reading='text'] .stage { display: none; }
    /* The thumbnail strip gives way while reading, as it does for a panel: the text needs the height. */
    .main[data-reading] ~ leeszaal-thumbnails, .main[data-reading] ~ .thumbs-placeholder { display: none; }
    /* The rights and attribution stay shown, in two lines that scroll (the licence link, focused, scrolls into view): the rest of the height is the text's. */
    .main[data-reading] ~ .attribution { max-height: calc(2.5em + 0.5rem); overflow-y: auto; flex: none; }
  }
`;
