import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A secret kept in its own file (mode 0600): read when it exists, else generated once. Two
 * instances starting together on one data folder agree: the file is created exclusively, and
 * the one that loses the race reads the winner's.
 */
export function loadOrCreateSecret(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    // Someone loosened it (a copy, a restore): nobody but the owner reads a signing key.
    chmodSync(path, 0o600);
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) {
    throw new Error(
      `${path} holds no usable secret (fewer than 32 characters); delete it to regenerate`,
    );
  }
  return secret;
}
