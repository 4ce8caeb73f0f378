import { describe, expect, it } from 'vitest';
import { joinInitials } from './drop-caps.ts';

describe('joinInitials', () => {
  const line = (text: string, x = 0) => ({ text, x });
  const shown = (blocks: { text: string }[][]) => blocks.map((b) => b.map((l) => l.text));
  it.each([
    ['a drop cap joins the lowercase line it begins', [['A'], ['ufklaͤrung iſt', 'der Ausgang']], [['Aufklaͤrung iſt', 'der Ausgang']]],
    ['spaces around the initial and the line are dropped', [[' A '], ['  ufklaͤrung']], [['Aufklaͤrung']]],
    ['a capital with its superscript e', [['Uͤ'], ['ber']], [['Uͤber']]],
    ['a capital before a capital is a word of its own', [['A'], ['Treatise']], [['A'], ['Treatise']]],
    ['a capital before a digit or punctuation stays', [['A'], ['2']], [['A'], ['2']]],
    ['a lowercase letter alone is not a drop cap', [['a'], ['bc']], [['a'], ['bc']]],
    ['two letters are not a drop cap', [['Ab'], ['er']], [['Ab'], ['er']]],
    ['a block of two lines is not a drop cap', [['A', 'B'], ['cd']], [['A', 'B'], ['cd']]],
    ['an initial at the end of the page stays', [['x'], ['A']], [['x'], ['A']]],
    ['each of two drop caps joins its own block', [['A'], ['b'], ['C'], ['d']], [['Ab'], ['Cd']]],
  ])('%s', (_name, input, expected) => {
    const blocks = input.map((b, i) => b.map((t) => line(t, i * 100)));
    expect(shown(joinInitials(blocks))).toEqual(expected);
  });

  it('keeps the line’s other fields, and hands the initial to `keep`', () => {
    const cap = { text: 'A', x: 111 };
    const first = { text: 'ufklaͤrung iſt', x: 166 };
    expect(joinInitials([[cap], [first]])).toEqual([[{ text: 'Aufklaͤrung iſt', x: 166 }]]);
    expect(joinInitials([[cap], [first]], (joined, initial) => ({ ...joined, x: initial.x }))).toEqual([[{ text: 'Aufklaͤrung iſt', x: 111 }]]);
  });
});
