// Settings for the corpus check (`npm run check:corpus-viewers`, run by CI after `npm test`): the
// browser check on the maintainers' whole corpus, which `npm test` leaves out because the corpus is
// not in the repository (LEESZAAL_CORPUS names it).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/corpus-viewers.check.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
