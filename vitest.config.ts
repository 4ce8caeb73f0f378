// Test runner settings: unit tests beside their code, cross-part tests under test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{ingest,manifests,server,viewer,test}/**/*.test.ts', '*.test.ts'],
    exclude: ['node_modules/**', 'viewer/dist/**', 'test/bench/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
