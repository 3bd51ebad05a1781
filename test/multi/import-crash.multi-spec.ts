import Database from 'better-sqlite3';
import { join } from 'node:path';
import { csvOf, sheetRow } from '../support/sheets';
import { makeEdition, makeEvent } from '../support/factories';
import { exited } from './processes';

interface Server {
  url: string;
  dir: string;
  child: import('node:child_process').ChildProcess;
  stop(options?: { keep?: boolean }): Promise<void>;
}
// The benches' helper starts the built server on a fresh SQLite file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const harness = require('../../bench/harness') as {
  startServer(env?: object, options?: { dir?: string; port?: number }): Promise<Server>;
  login(url: string, username: string): Promise<Record<string, string>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of several routes
  api(url: string, auth: object, method: string, path: string, body?: unknown): Promise<any>;
};
const { startServer, login, api } = harness;

const ROWS = 3000;

/**
 * kill -9 while a large sheet is being committed, a part at a time: the parts already written
 * are on disk, and the next start takes them back before anyone works on, so the sheet is in
 * whole or not at all.
 */
describe('kill -9 in the middle of a sheet’s commit', () => {
  it('leaves none of the sheet after the restart, records the undo, and takes the sheet again whole', async () => {
    let server = await startServer();
    const { dir } = server;
    const port = Number(new URL(server.url).port);
    try {
      const auth = await login(server.url, 'organizer');
      const edition = await api(
        server.url,
        auth,
        'POST',
        '/api/editions',
        makeEdition({ year: 2029 }),
      );
      await api(
        server.url,
        auth,
        'POST',
        `/api/editions/${edition.id}/events`,
        makeEvent({ eligibility: { minAge: 18, maxAge: 60 } }),
      );
      const sheet = csvOf(Array.from({ length: ROWS }, (_, i) => sheetRow(i + 1, '数控车工')));
      const upload = async (url: string) => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(sheet)]), 'crash.csv');
        const res = await fetch(`${url}/api/editions/${edition.id}/imports`, {
          method: 'POST',
          headers: auth,
          body: form,
        });
        expect(res.status).toBe(202);
        const id = ((await res.json()) as { id: string }).id;
        let job = await api(url, auth, 'GET', `/api/imports/${id}`);
        while (job.status === 'validating') {
          await new Promise((r) => setTimeout(r, 20));
          job = await api(url, auth, 'GET', `/api/imports/${id}`);
        }
        expect([job.status, job.errors]).toEqual(['validated', []]);
        await api(url, auth, 'POST', `/api/imports/${id}/commit`);
        return id;
      };

      const id = await upload(server.url);
      let job = await api(server.url, auth, 'GET', `/api/imports/${id}`);
      while (job.status === 'committing' && job.processed === 0) {
        job = await api(server.url, auth, 'GET', `/api/imports/${id}`);
      }
      server.child.kill('SIGKILL');
      await exited(server.child);
      expect(job.status).toBe('committing');

      const file = join(dir, 'bench.sqlite');
      const peek = () => {
        const db = new Database(file, { readonly: true });
        try {
          return {
            entries: (
              db
                .prepare('SELECT COUNT(*) AS n FROM entries WHERE editionId = ?')
                .get(edition.id) as {
                n: number;
              }
            ).n,
            journals: (
              db.prepare('SELECT COUNT(*) AS n FROM import_commits').get() as { n: number }
            ).n,
            undone: db
              .prepare(
                `SELECT reason FROM audit_log WHERE action = 'import.rolled_back' AND entityId = ?`,
              )
              .all(id) as { reason: string }[],
          };
        } finally {
          db.close();
        }
      };
      const killed = peek();
      // Killed between parts: some of the sheet is on disk, and its journal says what.
      expect(killed.entries).toBeGreaterThan(0);
      expect(killed.entries).toBeLessThan(ROWS);
      expect(killed.journals).toBe(1);

      server = await startServer({}, { dir, port });
      const restarted = peek();
      expect(restarted).toEqual({
        entries: 0,
        journals: 0,
        undone: [{ reason: expect.stringContaining(`${killed.entries} 条报名已撤回`) }],
      });
      const verify = await api(server.url, auth, 'GET', '/api/audit/verify');
      expect(verify.ok).toBe(true);

      const again = await upload(server.url);
      job = await api(server.url, auth, 'GET', `/api/imports/${again}`);
      while (job.status === 'committing') {
        await new Promise((r) => setTimeout(r, 50));
        job = await api(server.url, auth, 'GET', `/api/imports/${again}`);
      }
      expect([job.status, job.created]).toEqual(['committed', ROWS]);
      const entries = (await api(
        server.url,
        auth,
        'GET',
        `/api/editions/${edition.id}/entries`,
      )) as {
        entryNo: string;
      }[];
      expect(new Set(entries.map((e) => e.entryNo)).size).toBe(ROWS);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
