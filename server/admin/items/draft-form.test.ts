// The editor form's reader, table-driven: each bad input is refused naming its form field and why,
// good input becomes the record (languages normalised, HTML sanitised as ingest does, pages reordered
// with labels, empty rows dropped), and what the form does not edit is kept from the published record.
import { describe, expect, it } from 'vitest';
import type { ItemRecord } from '../../../manifests/item.ts';
import { itemRecord } from '../../../test/support/item-record.ts';
import { type FormBody, readItemForm } from './draft-form.ts';

const page = (key: string, label?: string) => ({
  key,
  file: `images/${key}.tif`,
  imageId: `kant-${key}`,
  width: 100,
  height: 160,
  ...(label ? { label } : {}),
});

const published: ItemRecord = itemRecord({
  id: 'kant',
  label: { de: ['Was ist Aufklärung?'] },
  identifiers: [{ type: 'urn', value: 'urn:nbn:de:x' }],
  agents: [{ name: 'Immanuel Kant', role: 'aut', uri: 'https://d-nb.info/gnd/118559796' }],
  pages: [page('p1', '481'), page('p2', '482'), page('p3')],
  sourceRecord: { file: 'mets.xml', format: 'mets' },
});

/** The form as the editor page sends it for the published record, with `over` replacing fields. */
function form(over: FormBody = {}): FormBody {
  return {
    version: 'v',
    titleLang: ['de', ''],
    title: ['Was ist Aufklärung?', ''],
    summaryLang: [''],
    summary: [''],
    agentName: ['Immanuel Kant', ''],
    agentRole: ['aut', ''],
    agentUri: ['https://d-nb.info/gnd/118559796', ''],
    type: 'book',
    date: '1784',
    place: 'Berlin',
    publisher: '',
    languages: 'ger',
    subjects: 'Philosophie\nAufklärung',
    shelfmark: '',
    holdingInstitution: '',
    rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
    attribution: 'ZLB',
    pageKey: ['p1', 'p2', 'p3'],
    pageLabel: ['481', '482', ''],
    thumbnailPage: 'p1',
    behavior: 'paged',
    viewingDirection: 'left-to-right',
    ...over,
  };
}

describe('readItemForm refuses, naming the field', () => {
  it.each([
    { what: 'no title at all', over: { title: ['', ' '] }, field: 'title-value-0', code: 'required' },
    { what: 'a title language that is none', over: { titleLang: ['xx-1-', ''] }, field: 'title-lang-0', code: 'language' },
    { what: 'an unreadable date', over: { date: 'sometime' }, field: 'date', code: 'date' },
    { what: 'a reversed range', over: { date: '1480-1475' }, field: 'date', code: 'date' },
    { what: 'a code that is no language', over: { languages: 'ger 12' }, field: 'languages', code: 'language' },
    { what: 'an unknown role', over: { agentRole: ['zzz', ''] }, field: 'agent-role-0', code: 'role' },
    { what: 'a role with no name', over: { agentName: ['Immanuel Kant', ''], agentRole: ['aut', 'prt'] }, field: 'agent-name-1', code: 'agentName' },
    { what: 'rights not on the list', over: { rights: 'https://example.org/my-licence' }, field: 'rights', code: 'rights' },
    { what: 'no attribution', over: { attribution: '' }, field: 'attribution', code: 'required' },
    { what: 'an attribution that is only markup', over: { attribution: '<script>x()</script>' }, field: 'attribution', code: 'emptyAfterCleaning' },
    {
      what: 'a summary that is only markup',
      over: { summaryLang: ['en'], summary: ['<script>alert(1)</script>'] },
      field: 'summary-value-0',
      code: 'emptyAfterCleaning',
    },
    { what: 'a page left out', over: { pageKey: ['p1', 'p2'], pageLabel: ['', ''] }, field: 'pages', code: 'pages' },
    { what: 'a page twice', over: { pageKey: ['p1', 'p1', 'p3'] }, field: 'pages', code: 'pages' },
    { what: 'a page of another item', over: { pageKey: ['p1', 'p2', 'x9'] }, field: 'pages', code: 'pages' },
    { what: 'a thumbnail of another item', over: { thumbnailPage: 'x9' }, field: 'thumbnailPage', code: 'thumbnailPage' },
    { what: 'an unknown type', over: { type: 'scroll' }, field: 'type', code: 'choice' },
    { what: 'an unknown view', over: { behavior: 'continuous' }, field: 'behavior', code: 'choice' },
    { what: 'an unknown direction', over: { viewingDirection: 'top-to-bottom' }, field: 'viewingDirection', code: 'choice' },
    { what: 'an overlong place', over: { place: 'x'.repeat(1001) }, field: 'place', code: 'tooLong' },
  ])('$what', ({ over, field, code }) => {
    const read = readItemForm(form(over as FormBody), published);
    expect('record' in read).toBe(false);
    expect(read.problems).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('lists every problem at once', () => {
    const read = readItemForm(form({ date: 'x', languages: 'qq1', attribution: '' }), published);
    expect(read.problems.map((p) => p.field)).toEqual(['date', 'languages', 'attribution']);
  });

  it('refuses a body that is not a form', () => {
    expect(readItemForm({ title: { nested: true } }, published).problems).toEqual([{ field: 'form', code: 'choice' }]);
  });
});

describe('readItemForm reads', () => {
  it('the unchanged form as the published record', () => {
    const read = readItemForm(form(), published);
    if (!('record' in read)) throw new Error(JSON.stringify(read.problems));
    expect(read.record).toEqual({
      ...published,
      date: '1784',
      place: 'Berlin',
      languages: ['ger'],
      subjects: ['Philosophie', 'Aufklärung'],
      attribution: 'ZLB',
      thumbnailPage: 'p1',
    });
  });

  it.each([
    {
      what: 'titles in several languages, codes made BCP 47',
      over: { titleLang: ['ger', 'fre', 'none'], title: ['Was ist Aufklärung?', "Qu'est-ce que les Lumières ?", 'Aufklärung'] },
      field: 'label',
      value: { de: ['Was ist Aufklärung?'], fr: ["Qu'est-ce que les Lumières ?"], none: ['Aufklärung'] },
    },
    {
      what: 'a summary sanitised as ingest does',
      over: { summaryLang: ['en'], summary: ['An <i>essay</i><script>x()</script> <a href="javascript:y()">z</a>'] },
      field: 'summary',
      value: { en: ['<span>An <i>essay</i> <a>z</a></span>'] },
    },
    { what: 'a free-form date kept as typed', over: { date: 'ca. 1475' }, field: 'date', value: 'ca. 1475' },
    {
      what: 'agents with roles, empty rows dropped, authority links kept',
      over: {
        agentName: ['Immanuel Kant', 'Haude und Spener', ''],
        agentRole: ['aut', 'PBL', ''],
        agentUri: ['https://d-nb.info/gnd/118559796', '', ''],
      },
      field: 'agents',
      value: [
        { name: 'Immanuel Kant', role: 'aut', uri: 'https://d-nb.info/gnd/118559796' },
        { name: 'Haude und Spener', role: 'pbl' },
      ],
    },
    { what: 'languages, each once', over: { languages: 'ger, lat ger' }, field: 'languages', value: ['ger', 'lat'] },
    { what: 'one subject per line, each once', over: { subjects: 'A\r\n\r\nB\nA' }, field: 'subjects', value: ['A', 'B'] },
    {
      what: 'a book read right to left, one page at a time',
      over: { behavior: 'individuals', viewingDirection: 'right-to-left' },
      field: 'viewingDirection',
      value: 'right-to-left',
    },
  ])('$what', ({ over, field, value }) => {
    const read = readItemForm(form(over as FormBody), published);
    if (!('record' in read)) throw new Error(JSON.stringify(read.problems));
    expect(read.record[field as keyof ItemRecord]).toEqual(value);
  });

  it('pages in the new order with their new labels, images as published', () => {
    const read = readItemForm(form({ pageKey: ['p3', 'p1', 'p2'], pageLabel: ['Titelblatt', '481', ''] }), published);
    if (!('record' in read)) throw new Error(JSON.stringify(read.problems));
    expect(read.record.pages).toEqual([page('p3', 'Titelblatt'), page('p1', '481'), page('p2')]);
  });
});
