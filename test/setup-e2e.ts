// Real databases on a shared 2-core machine: a whole import or judging day can take seconds.
// (`testTimeout` inside a project of jest.config.js is ignored: Jest reads it globally only.)
jest.setTimeout(30_000);
