import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSecret } from './secret-file';

describe('loadOrCreateSecret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a random secret once (0600), then reads the same one', () => {
    const path = join(dir, 'sub', 'jwt-secret');
    const first = loadOrCreateSecret(path);
    expect(first.length).toBeGreaterThanOrEqual(43);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecret(path)).toBe(first);
    expect(loadOrCreateSecret(join(dir, 'other'))).not.toBe(first);
  });

  it('tightens loosened rights and refuses a file without a usable secret', () => {
    const path = join(dir, 'jwt-secret');
    loadOrCreateSecret(path);
    chmodSync(path, 0o644);
    loadOrCreateSecret(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(path, 'short\n');
    expect(() => loadOrCreateSecret(path)).toThrow(/no usable secret/);
    expect(readFileSync(path, 'utf8')).toBe('short\n');
  });
});
