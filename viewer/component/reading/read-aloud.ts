// What reading aloud does next, as a pure state machine: which line is being read, what a control
// (play, pause, stop, next or previous line, a chosen line) or the end of an utterance leads to, and
// when the page must be turned to go on. The browser part (speaker.ts) only carries out the effects,
// so the order of lines, pages and highlights is unit-tested without a speech engine.
// It also judges whether the engine is heard at all: some (headless Chromium without
// speech-dispatcher, a device with no voice) end every utterance at once without speaking, and
// reading on would race through the book and turn its pages in silence.
import { modernLines } from '../../../manifests/modern-spelling.ts';

export type ReadStatus = 'stopped' | 'playing' | 'paused';

export interface ReadState {
  status: ReadStatus;
  /** Index of the current line in the shown pages' lines (highlighted and outlined); -1 for none. */
  at: number;
  /** Waiting for the next page's text, after the last line of this one was read. */
  turning: boolean;
}

export const IDLE: ReadState = { status: 'stopped', at: -1, turning: false };

export type ReadEvent =
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'stop' }
  | { type: 'next' }
  | { type: 'previous' }
  /**
   * The utterance of the current line has ended; `unheard` counts the lines in a row, this one
   * included, that ended without being heard (see heard()); 0 or absent when this one was.
   */
  | { type: 'ended'; unheard?: number }
  /** The reader chose a line (in the text or on the scan). */
  | { type: 'select'; at: number }
  /** The shown pages' text changed (the page was turned) and is all loaded. */
  | { type: 'lines' };

export type Effect =
  | { type: 'speak'; at: number }
  | { type: 'cancel' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'turnPage' }
  /** Reading aloud stopped because the engine is not heard: the reader must be told it does not work here. */
  | { type: 'unheard' };

export interface ReadContext {
  /** What is spoken for each line, in reading order (empty for a line with nothing to say). */
  texts: readonly string[];
  /** Whether there is a page after the shown ones. */
  hasNextPage: boolean;
}

export interface Step {
  state: ReadState;
  effects: Effect[];
}

/** Lines in a row ending unheard after which reading stops: one may fail on its own, a run of them is the engine. */
export const UNHEARD_LIMIT = 3;
/** An utterance that ends sooner than this (ms) after it was handed over, without a `start` event, was not spoken. */
export const QUICK_END_MS = 40;

/** How an utterance ended: whether the engine said it started, how long it took, whether it ended in an error. */
export interface Ending {
  started: boolean;
  ms: number;
  error: boolean;
}

/** Whether a line was heard: no error, and either the engine said it started or it took some time. */
export function heard(ending: Ending): boolean {
  return !ending.error && (ending.started || ending.ms >= QUICK_END_MS);
}

const speakable = (ctx: ReadContext, i: number) => (ctx.texts[i] ?? '').trim() !== '';

function nextLine(ctx: ReadContext, from: number): number {
  for (let i = from + 1; i < ctx.texts.length; i++) if (speakable(ctx, i)) return i;
  return -1;
}

function previousLine(ctx: ReadContext, from: number): number {
  for (let i = Math.min(from, ctx.texts.length) - 1; i >= 0; i--) if (speakable(ctx, i)) return i;
  return -1;
}

/** Reading goes on after line `from`: the next line, else the next page, else it is done. */
function goOn(ctx: ReadContext, from: number, cancel: boolean): Step {
  const head: Effect[] = cancel ? [{ type: 'cancel' }] : [];
  const n = nextLine(ctx, from);
  if (n >= 0) return { state: { status: 'playing', at: n, turning: false }, effects: [...head, { type: 'speak', at: n }] };
  if (ctx.hasNextPage) return { state: { status: 'playing', at: -1, turning: true }, effects: [...head, { type: 'turnPage' }] };
  return { state: IDLE, effects: head };
}

export function step(state: ReadState, event: ReadEvent, ctx: ReadContext): Step {
  const playing = state.status === 'playing';
  switch (event.type) {
    case 'play':
      if (state.status === 'paused') return { state: { ...state, status: 'playing' }, effects: [{ type: 'resume' }] };
      if (playing) return { state, effects: [] };
      return speakable(ctx, state.at)
        ? { state: { status: 'playing', at: state.at, turning: false }, effects: [{ type: 'speak', at: state.at }] }
        : goOn(ctx, state.at, false);
    case 'pause':
      return playing && !state.turning ? { state: { ...state, status: 'paused' }, effects: [{ type: 'pause' }] } : { state, effects: [] };
    case 'stop':
      return { state: IDLE, effects: state.status === 'stopped' ? [] : [{ type: 'cancel' }] };
    case 'ended': {
      if (!playing || state.turning) return { state, effects: [] };
      const unheard = event.unheard ?? 0;
      const next = goOn(ctx, state.at, false);
      // A page is not turned after a line nobody heard, and a run of unheard lines is a mute engine.
      const mute = unheard >= UNHEARD_LIMIT || (unheard > 0 && next.state.turning);
      return mute ? { state: { status: 'stopped', at: state.at, turning: false }, effects: [{ type: 'cancel' }, { type: 'unheard' }] } : next;
    }
    case 'next': {
      if (playing) return goOn(ctx, state.at, true);
      const n = nextLine(ctx, state.at);
      // Paused, a move is a fresh start from the new line: the paused utterance is dropped.
      return n < 0
        ? { state, effects: [] }
        : { state: { status: 'stopped', at: n, turning: false }, effects: state.status === 'paused' ? [{ type: 'cancel' }] : [] };
    }
    case 'previous': {
      const p = previousLine(ctx, state.at < 0 ? ctx.texts.length : state.at);
      if (p < 0) return { state, effects: [] };
      if (playing) return { state: { status: 'playing', at: p, turning: false }, effects: [{ type: 'cancel' }, { type: 'speak', at: p }] };
      return { state: { status: 'stopped', at: p, turning: false }, effects: state.status === 'paused' ? [{ type: 'cancel' }] : [] };
    }
    case 'select': {
      if (event.at < 0 || event.at >= ctx.texts.length) return { state, effects: [] };
      if (playing && speakable(ctx, event.at)) {
        return { state: { status: 'playing', at: event.at, turning: false }, effects: [{ type: 'cancel' }, { type: 'speak', at: event.at }] };
      }
      return { state: { status: 'stopped', at: event.at, turning: false }, effects: state.status === 'stopped' ? [] : [{ type: 'cancel' }] };
    }
    case 'lines':
      // Turned by reading on, or by the reader while listening: read the new page from its top.
      if (playing) return goOn(ctx, -1, !state.turning);
      return { state: IDLE, effects: state.status === 'paused' ? [{ type: 'cancel' }] : [] };
  }
}

/**
 * What is spoken for each line of the shown pages (one array of line texts per page): the text as
 * printed, or in modern spelling (manifests/modern-spelling.ts, words hyphenated at a line end joined
 * on the page) so that the voice reads what the reader sees.
 */
export function spokenTexts(pages: readonly (readonly string[])[], modern: boolean): string[] {
  return pages.flatMap((lines) => (modern ? modernLines(lines) : [...lines]));
}
