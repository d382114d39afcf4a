import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: the production build served by scripts/demo.ts on a fresh, throwaway anvil chain
 * (ports 3100 and 8546, so a running `npm run demo` on 3000/8545 is left alone), driven in Debian's Chromium.
 */
export const E2E_APP_URL = 'http://127.0.0.1:3100';
export const E2E_RPC_URL = 'http://127.0.0.1:8546';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1, // one chain: tests run in order and never race for the same listing
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E_APP_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node node_modules/tsx/dist/cli.mjs scripts/demo.ts --fresh --no-keeper --port 3100 --rpc-port 8546',
    url: `${E2E_APP_URL}/api/health`,
    timeout: 300_000, // includes a production build when the app changed
    reuseExistingServer: false,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
