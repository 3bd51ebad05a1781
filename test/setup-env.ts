// Every e2e and browser test runs in UTC with quiet, deterministic settings.
process.env.TZ = 'UTC';
process.env.NODE_ENV = 'test';
