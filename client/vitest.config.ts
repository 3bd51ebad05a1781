import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

/**
 * The client's own logic (outbox and sync, the sheet's cells, values and pad, the board's updates,
 * the dialogs' save), run by
 * `npm test`. It extends the app's Vite config, so the specs resolve the same shared aliases
 * (`@domain`, `@error-catalogue`, `@glossary`) as the build.
 */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['src/**/*.spec.ts'],
      environment: 'node',
      setupFiles: ['src/test-setup.ts'],
    },
  }),
);
