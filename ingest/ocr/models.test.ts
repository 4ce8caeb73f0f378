import { describe, expect, it } from 'vitest';
import { type ModelChoice, ocrModels } from './models.ts';

const base: ModelChoice = { languages: [], fraktur: 'auto', fallback: ['dut', 'fre'] };

describe('ocrModels', () => {
  it.each<[string, Partial<ModelChoice>, string]>([
    ['German print of 1784 reads as Fraktur', { languages: ['ger'], date: '1784' }, 'Fraktur+frk'],
    ['German print of 1925 reads as roman type', { languages: ['ger'], date: '1925' }, 'deu'],
    ['German print without a date reads as roman type', { languages: ['ger'] }, 'deu'],
    ['a range starting before 1900 counts as Fraktur', { languages: ['ger'], date: 'ca. 1890-1910' }, 'Fraktur+frk'],
    ['German and Latin of 1653 keep the Latin model', { languages: ['ger', 'lat'], date: '1653' }, 'Fraktur+frk+lat'],
    ['Dutch of 1700 is not Fraktur by default', { languages: ['dut'], date: '1700' }, 'nld'],
    ['Dutch of 1700 is Fraktur when configured', { languages: ['dut'], date: '1700', fraktur: 'always' }, 'Fraktur+frk+nld'],
    ['German of 1784 is not Fraktur when configured never', { languages: ['ger'], date: '1784', fraktur: 'never' }, 'deu'],
    ['French and Dutch in the order given', { languages: ['fre', 'dut'] }, 'fra+nld'],
    ['English', { languages: ['eng'] }, 'eng'],
    ['no language: the fallback', { languages: [] }, 'nld+fra'],
    ['only languages without a model: the fallback', { languages: ['ita', 'heb'] }, 'nld+fra'],
    ['no usable fallback either: English', { languages: ['ita'], fallback: [] }, 'eng'],
    ['a language given twice is asked once', { languages: ['ger', 'ger'], date: '1950' }, 'deu'],
  ])('%s', (_name, choice, expected) => {
    expect(ocrModels({ ...base, ...choice })).toBe(expected);
  });
});
