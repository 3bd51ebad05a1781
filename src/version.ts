import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package version, read once (works from src/ under ts-jest and from dist/). */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;
