// Read-aloud sequencing, table by table: each row is a state, an event and the lines on screen, and
// the state and effects that must follow (what is highlighted, what is spoken, when the page turns).
import { describe, expect, it } from 'vitest';
import { type Effect, heard, IDLE, type ReadContext, type ReadEvent, type ReadState, spokenTexts, step } from './read-aloud.ts';

const lines = (...texts: string[]): ReadContext => ({ texts, hasNextPage: false });
const withNext = (...texts: string[]): ReadContext => ({ texts, hasNextPage: true });
const playing = (at: number): ReadState => ({ status: 'playing', at, turning: false });
const paused = (at: number): ReadState => ({ status: 'paused', at, turning: false });
const stopped = (at: number): ReadState => ({ status: 'stopped', at, turning: false });
const turning: ReadState = { status: 'playing', at: -1, turning: true };
const speak = (at: number): Effect => ({ type: 'speak', at });
const cancel: Effect = { type: 'cancel' };

type Row = [string, ReadState, ReadEvent, ReadContext, ReadState, Effect[]];

describe('step', () => {
  it.each<Row>([
    ['play from the start reads the first line', IDLE, { type: 'play' }, lines('a', 'b'), playing(0), [speak(0)]],
    ['play skips empty lines at the top', IDLE, { type: 'play' }, lines(' ', 'b'), playing(1), [speak(1)]],
    ['play from a chosen line reads that line', stopped(1), { type: 'play' }, lines('a', 'b'), playing(1), [speak(1)]],
    ['play on a page without text turns the page', IDLE, { type: 'play' }, withNext(), turning, [{ type: 'turnPage' }]],
    ['play on the last page without text does nothing', IDLE, { type: 'play' }, lines(), IDLE, []],
    ['play while playing changes nothing', playing(0), { type: 'play' }, lines('a'), playing(0), []],
    ['pause keeps the line', playing(1), { type: 'pause' }, lines('a', 'b'), paused(1), [{ type: 'pause' }]],
    ['play after pause resumes', paused(1), { type: 'play' }, lines('a', 'b'), playing(1), [{ type: 'resume' }]],
    ['stop cancels and clears the highlight', playing(1), { type: 'stop' }, lines('a', 'b'), IDLE, [cancel]],
    ['stop when stopped clears the highlight only', stopped(1), { type: 'stop' }, lines('a', 'b'), IDLE, []],
    ['the end of a line reads the next', playing(0), { type: 'ended' }, lines('a', 'b'), playing(1), [speak(1)]],
    ['the end of a line skips an empty one', playing(0), { type: 'ended' }, lines('a', '', 'c'), playing(2), [speak(2)]],
    ['the end of the last line turns the page', playing(1), { type: 'ended' }, withNext('a', 'b'), turning, [{ type: 'turnPage' }]],
    ['the end of the last line of the book stops', playing(1), { type: 'ended' }, lines('a', 'b'), IDLE, []],
    ['a stale end after pause is ignored', paused(0), { type: 'ended' }, lines('a', 'b'), paused(0), []],
    ['an end while turning is ignored', turning, { type: 'ended' }, withNext('a'), turning, []],
    ['a line heard after unheard ones reads on', playing(0), { type: 'ended', unheard: 0 }, lines('a', 'b'), playing(1), [speak(1)]],
    ['one unheard line reads on (it may have failed alone)', playing(0), { type: 'ended', unheard: 1 }, lines('a', 'b'), playing(1), [speak(1)]],
    ['two unheard lines in a row read on', playing(1), { type: 'ended', unheard: 2 }, lines('a', 'b', 'c'), playing(2), [speak(2)]],
    [
      'three unheard lines in a row stop: the engine is mute',
      playing(2),
      { type: 'ended', unheard: 3 },
      lines('a', 'b', 'c', 'd'),
      stopped(2),
      [cancel, { type: 'unheard' }],
    ],
    [
      'an unheard last line does not turn the page',
      playing(1),
      { type: 'ended', unheard: 1 },
      withNext('a', 'b'),
      stopped(1),
      [cancel, { type: 'unheard' }],
    ],
    ['an unheard last line of the book just ends', playing(1), { type: 'ended', unheard: 1 }, lines('a', 'b'), IDLE, []],
    ['an unheard end after stop is ignored', IDLE, { type: 'ended', unheard: 5 }, lines('a', 'b'), IDLE, []],
    ['next while playing reads the next line at once', playing(0), { type: 'next' }, lines('a', 'b'), playing(1), [cancel, speak(1)]],
    ['next on the last line while playing turns the page', playing(1), { type: 'next' }, withNext('a', 'b'), turning, [cancel, { type: 'turnPage' }]],
    ['next while stopped moves the highlight', stopped(0), { type: 'next' }, lines('a', 'b'), stopped(1), []],
    ['next from nothing picks the first line', IDLE, { type: 'next' }, lines('a', 'b'), stopped(0), []],
    ['next while paused drops the paused line', paused(0), { type: 'next' }, lines('a', 'b'), stopped(1), [cancel]],
    ['next on the last line while stopped stays', stopped(1), { type: 'next' }, lines('a', 'b'), stopped(1), []],
    ['previous while playing rereads the line before', playing(2), { type: 'previous' }, lines('a', 'b', 'c'), playing(1), [cancel, speak(1)]],
    ['previous from nothing picks the last line', IDLE, { type: 'previous' }, lines('a', 'b'), stopped(1), []],
    ['previous on the first line stays', playing(0), { type: 'previous' }, lines('a', 'b'), playing(0), []],
    ['choosing a line while playing reads it', playing(0), { type: 'select', at: 2 }, lines('a', 'b', 'c'), playing(2), [cancel, speak(2)]],
    ['choosing a line while stopped highlights it', IDLE, { type: 'select', at: 1 }, lines('a', 'b'), stopped(1), []],
    ['choosing a line out of range is ignored', playing(0), { type: 'select', at: 5 }, lines('a', 'b'), playing(0), []],
    ['the next page arrives: read from its top', turning, { type: 'lines' }, lines('c', 'd'), playing(0), [speak(0)]],
    ['the next page has no text: turn again', turning, { type: 'lines' }, withNext(), turning, [{ type: 'turnPage' }]],
    ['the reader turns the page while listening', playing(3), { type: 'lines' }, lines('c', 'd'), playing(0), [cancel, speak(0)]],
    ['the reader turns the page while paused', paused(1), { type: 'lines' }, lines('c'), IDLE, [cancel]],
    ['the reader turns the page while stopped', stopped(1), { type: 'lines' }, lines('c'), IDLE, []],
  ])('%s', (_name, state, event, ctx, next, effects) => {
    expect(step(state, event, ctx)).toEqual({ state: next, effects });
  });

  it('reads two pages of a book line by line and turns at the end of the spread', () => {
    let state = IDLE;
    const spread = withNext('Was iſt', 'Aufklaͤrung?', 'Sapere aude!');
    const spoken: number[] = [];
    const run = (event: ReadEvent, ctx: ReadContext) => {
      const r = step(state, event, ctx);
      state = r.state;
      for (const e of r.effects) if (e.type === 'speak') spoken.push(e.at);
      return r.effects;
    };
    run({ type: 'play' }, spread);
    run({ type: 'ended' }, spread);
    run({ type: 'ended' }, spread);
    expect(run({ type: 'ended' }, spread)).toEqual([{ type: 'turnPage' }]);
    run({ type: 'lines' }, lines('Habe Muth'));
    expect(spoken).toEqual([0, 1, 2, 0]);
    expect(state).toEqual(playing(0));
  });
});

describe('heard', () => {
  it.each([
    ['started and ended at once', { started: true, ms: 2, error: false }, true],
    ['no start event but took a while (engines that send none)', { started: false, ms: 800, error: false }, true],
    ['no start event, ended in a few ms', { started: false, ms: 3, error: false }, false],
    ['ended in an error', { started: true, ms: 500, error: true }, false],
  ])('%s', (_name, ending, expected) => {
    expect(heard(ending)).toBe(expected);
  });
});

describe('an engine that ends every line at once without speaking', () => {
  it('stops after three lines and does not turn the page', () => {
    let state = IDLE;
    const page = withNext(...Array.from({ length: 23 }, (_, i) => `line ${i}`));
    const effects: Effect[] = [];
    const run = (event: ReadEvent) => {
      const r = step(state, event, page);
      state = r.state;
      effects.push(...r.effects);
    };
    run({ type: 'play' });
    for (let unheard = 1; unheard <= 30 && state.status === 'playing'; unheard++) run({ type: 'ended', unheard });
    expect(effects.filter((e) => e.type === 'speak')).toHaveLength(3);
    expect(effects).not.toContainEqual({ type: 'turnPage' });
    expect(effects.at(-1)).toEqual({ type: 'unheard' });
    expect(state.status).toBe('stopped');
  });
});

describe('spokenTexts', () => {
  it.each([
    ['as printed', [['Was iſt Aufklaͤrung?']], false, ['Was iſt Aufklaͤrung?']],
    ['modern', [['Was iſt Aufklaͤrung?']], true, ['Was ist Aufklärung?']],
    ['modern joins a hyphenated word on the page', [['Unmuͤn-', 'digkeit iſt']], true, ['Unmündigkeit', 'ist']],
    ['pages are joined in order, words are not joined across pages', [['a Man-'], ['gel b']], true, ['a Man-', 'gel b']],
  ])('%s', (_name, pages, modern, expected) => {
    expect(spokenTexts(pages, modern)).toEqual(expected);
  });
});
