import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The short version of `npm run bench:crash`: three SIGKILLs while marks are being entered. */
describe('kill -9 durability (short run)', () => {
  it('loses no acknowledged mark, duplicates none, and keeps the file and the audit chain sound', () => {
    const run = spawnSync(
      process.execPath,
      [join(__dirname, '..', '..', 'bench', 'crash.js'), '--kills', '3', '--contestants', '30'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const last = run.stdout.trim().split('\n').pop() ?? '';
    expect({ exit: run.status, stderr: run.stderr.slice(-500) }).toEqual({
      exit: 0,
      stderr: expect.any(String),
    });
    expect(JSON.parse(last)).toMatchObject({
      bench: 'crash',
      kills: 3,
      lost: 0,
      duplicated: 0,
      integrity: 'ok',
      audit: 'ok',
      standings_mismatches: 0,
    });
  }, 150_000);
});
