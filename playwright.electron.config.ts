// Playwright config for the real-Electron suite (needs an Electron binary; run via scripts/test-electron.mjs).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e-electron',
  testMatch: '**/*.e2e.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
});
