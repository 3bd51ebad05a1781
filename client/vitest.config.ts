import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The client's own logic (outbox and sync, the sheet's values, the board's updates), run by `npm test`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['src/**/*.spec.ts'],
    environment: 'node',
    setupFiles: ['src/test-setup.ts'],
  },
});
