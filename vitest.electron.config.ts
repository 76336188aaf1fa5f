import { defineConfig } from 'vitest/config';

// The Electron suite needs the Electron binary, which CI cannot download; test/run-all.sh runs it where it exists.
export default defineConfig({
  test: {
    include: ['test/electron/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
