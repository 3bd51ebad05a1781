import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_TEXTS } from './catalogue';
import { renderTemplate } from '../i18n/render';

const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * Every SCREAMING_SNAKE literal in src/ outside the configuration (whose literals are
 * environment variable names) is an error code: thrown, pushed as a row or detail error, or
 * named in a Swagger response. Symbols (injection tokens) are not.
 */
const ONE_WORD_CODE =
  /(?:code:\s*|\b\d{3}:\s*|\b(?:badRequest|unauthorized|forbidden|notFound|conflict|unprocessable|refuse)\(\s*(?:[\w.]+,\s*)?|new \w*Error\(\s*(?:\d+,\s*)?)'([A-Z][A-Z0-9]{3,})'/g;

function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const rel = relative(SRC, file);
    if (rel.startsWith('config') || rel.startsWith(join('common', 'errors', 'catalogue'))) {
      continue;
    }
    const text = readFileSync(file, 'utf8').replace(/Symbol\('[A-Z_]+'\)/g, '');
    const snake = [...text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)];
    // One-word codes (REQUIRED, CONFLICT) only where a code goes: `code:`, a status map, a throw.
    const oneWord = [...text.matchAll(ONE_WORD_CODE)];
    for (const m of [...snake, ...oneWord]) {
      if (!found.has(m[1])) {
        found.set(m[1], rel);
      }
    }
  }
  return found;
}

const LATIN_RUN = /[A-Za-z]+(?:[\s,.;:'’-]+[A-Za-z]+){2}/;
const placeholders = (t: string) => [...t.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]).sort();

describe('error catalogue', () => {
  const codes = codesInSource();

  it('finds the codes thrown in src/ (sanity: the scan sees the well-known ones)', () => {
    for (const code of ['ID_CHECK_DIGIT', 'ENTRY_DUPLICATE', 'MARK_OUT_OF_RANGE', 'REQUIRED']) {
      expect(codes.has(code)).toBe(true);
    }
    expect(codes.size).toBeGreaterThan(150);
  });

  it('has a zh-CN and an English text for every code used anywhere in src/', () => {
    const missing = [...codes]
      .filter(([code]) => !ERROR_TEXTS['zh-CN'][code] || !ERROR_TEXTS.en[code])
      .map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('words zh-CN in Chinese: no run of three Latin words, and some Chinese in each text', () => {
    const bad = Object.entries(ERROR_TEXTS['zh-CN']).filter(
      ([, text]) => LATIN_RUN.test(text.replace(/\{[^}]*\}/g, '')) || !/\p{Script=Han}/u.test(text),
    );
    expect(bad).toEqual([]);
  });

  it('uses the same params in both languages, and both render from the same params', () => {
    for (const code of Object.keys(ERROR_TEXTS.en)) {
      const zh = ERROR_TEXTS['zh-CN'][code];
      const en = ERROR_TEXTS.en[code];
      expect([code, placeholders(zh)]).toEqual([code, placeholders(en)]);
      const params = Object.fromEntries(placeholders(en).map((p) => [p, 7]));
      expect(renderTemplate(zh, params, 'zh-CN')).not.toMatch(/[{}[\]]{2}|\{\w+\}/);
      expect(renderTemplate(en, params, 'en')).not.toMatch(/[{}[\]]{2}|\{\w+\}/);
    }
  });

  it('drops an optional part whose params are missing, and words glossary values', () => {
    const zh = ERROR_TEXTS['zh-CN'].ELIGIBILITY_LEVEL;
    expect(renderTemplate(zh, {}, 'zh-CN')).toBe('职业资格等级不足');
    expect(renderTemplate(zh, { minLevel: 'technician' }, 'zh-CN')).toBe(
      '职业资格等级不足：须达到技师（二级）',
    );
    expect(renderTemplate(ERROR_TEXTS.en.ELIGIBILITY_LEVEL, { minLevel: 'senior' }, 'en')).toBe(
      'Qualification level too low: at least Senior worker (level 3).',
    );
    expect(renderTemplate('共 {n} 分', {}, 'zh-CN')).toBeNull();
  });
});
