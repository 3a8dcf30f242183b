import { defineConfig } from 'vitest/config';

// The playback suites measure what Chromium fetches across seeks. Beside the rest of the suite on
// two cores, a starved Chromium buffers far ahead on paused seeks (154 MiB against 86–101 MiB alone)
// and seeks land late, so those files run after everything else, one at a time.
const PLAYBACK = ['test/protocol/playback.test.ts', 'test/protocol/vault-playback.test.ts'];
// The app in Chromium over the real core: after the playback group (a Chromium beside them would
// starve theirs), one file at a time, on one renderer build per run (test/e2e/host/renderer-build.ts).
const E2E = ['test/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/summary-reporter.ts'],
    // The AWS SDK's notice that its 2027 releases need Node 22 is for maintainers, not test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: { name: 'core', include: ['test/**/*.test.ts'], exclude: [...PLAYBACK, ...E2E] },
      },
      {
        extends: true,
        test: { name: 'renderer', include: ['test/renderer/**/*.test.tsx'], environment: 'jsdom', setupFiles: ['test/renderer/support/jsdom-setup.ts'] },
      },
      {
        extends: true,
        test: { name: 'playback', include: PLAYBACK, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          globalSetup: ['test/e2e/host/renderer-build.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
