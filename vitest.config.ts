// Test runner configuration: unit tests beside the code, end-to-end tests under tests/e2e.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{utils,lists,scripts,cli,collector,components,entrypoints,tests}/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
