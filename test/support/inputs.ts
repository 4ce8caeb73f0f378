// Where the tests find their real-world inputs, all inside the repository so that `npm test` needs
// nothing beside the clone: the bundled sample collection (ingest/sample, also what `npm start`
// publishes) and test/fixtures (files chosen from the maintainers' sample corpus, credited in
// test/fixtures/README.md). Kept free of other imports so that unit tests can use it cheaply.
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const SAMPLE_SOURCE = path.join(REPO_ROOT, 'ingest', 'sample');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');

/** Kant's essay page 481 (the first, a TIFF with its ALTO), as scanned. */
export const KANT_PAGE_0017 = path.join(SAMPLE_SOURCE, 'kant-aufklaerung-1784', 'images', 'page-0017.tif');

/** The Kant essay's two ground-truth ALTO 2.0 pages: 481 ships with the sample, 484 with the fixtures. */
export const KANT_ALTO = {
  'page-0017': path.join(SAMPLE_SOURCE, 'kant-aufklaerung-1784', 'alto', 'page-0017.xml'),
  'page-0020': path.join(FIXTURES, 'corpus', 'kant-aufklaerung-1784', 'alto', 'page-0020.xml'),
} as const;
