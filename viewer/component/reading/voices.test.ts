// Choosing the language and voice to read a page aloud with.
import { describe, expect, it } from 'vitest';
import { pickVoice, speechLanguage, type VoiceLike } from './voices.ts';

const voice = (name: string, lang: string, localService = true, isDefault = false): VoiceLike => ({ name, lang, localService, default: isDefault });
const espeak = [
  voice('German espeak-ng', 'de'),
  voice('German+Adam espeak-ng', 'de'),
  voice('Dutch espeak-ng', 'nl'),
  voice('Latin espeak-ng', 'la'),
  voice('French espeak-ng', 'fr-FR'),
];

describe('pickVoice', () => {
  it.each([
    ['de', espeak, 'German espeak-ng'],
    ['de-DE', espeak, 'German espeak-ng'],
    ['fr', espeak, 'French espeak-ng'],
    ['la', espeak, 'Latin espeak-ng'],
    ['en', espeak, undefined],
    ['nl-BE', [voice('Remote Dutch', 'nl-NL', false), voice('Local Dutch', 'nl-NL')], 'Local Dutch'],
    ['nl-BE', [voice('Dutch', 'nl-NL'), voice('Flemish', 'nl-BE')], 'Flemish'],
    ['de', [], undefined],
  ])('%s → %s', (lang, voices, expected) => {
    expect(pickVoice(voices as VoiceLike[], lang as string)?.name).toBe(expected);
  });
});

describe('speechLanguage', () => {
  const meta = (label: string, value: string) => [{ label: { en: [label] }, value: { en: [value] } }];
  it.each([
    ['the text says', 'de', [], 'de'],
    ['the metadata names the language in English', undefined, meta('Language', 'German'), 'de'],
    ['in Dutch', undefined, [{ label: { nl: ['Taal'] }, value: { nl: ['Latijn'] } }], 'la'],
    ['in French', undefined, [{ label: { fr: ['Langue'] }, value: { fr: ['néerlandais'] } }], 'nl'],
    ['as a catalogue code', undefined, meta('Language', 'ger'), 'de'],
    ['the first of several', undefined, meta('Language', 'Latin; German'), 'la'],
    ['other metadata is not a language', undefined, meta('Title', 'German'), undefined],
    ['nobody says', undefined, [], undefined],
  ])('%s', (_name, text, metadata, expected) => {
    expect(speechLanguage(text, metadata)).toBe(expected);
  });
});
