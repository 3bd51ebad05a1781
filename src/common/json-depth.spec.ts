import { jsonDeeperThan } from './json-depth';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('jsonDeeperThan', () => {
  it.each([
    ['{}', 1, false],
    ['{}', 0, true],
    ['[[]]', 1, true],
    ['[[]]', 2, false],
    ['{"a":{"b":[1,{"c":2}]}}', 4, false],
    ['{"a":{"b":[1,{"c":2}]}}', 3, true],
    // Brackets inside strings, escaped quotes and backslashes do not count.
    ['{"a":"[[[[{{{{"}', 1, false],
    ['{"a":"\\"[[[["}', 1, false],
    ['{"a":"\\\\"}', 1, false],
    ['{"a":"\\\\","b":[[1]]}', 2, true],
    ['["中文[[", {"键": "{{"}]', 2, false],
    ['1', 0, false],
    ['', 0, false],
    // Closing more than opening (invalid JSON, left to JSON.parse) never counts as deep.
    [']]]][[', 2, false],
  ])('%s with limit %d → %s', (text, limit, expected) => {
    expect(jsonDeeperThan(bytes(text), limit)).toBe(expected);
  });

  it('finds 100,000 levels in a 600 KB body without recursion', () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const started = performance.now();
    expect(jsonDeeperThan(bytes(deep), 32)).toBe(true);
    expect(jsonDeeperThan(bytes(`"${'['.repeat(600_000)}"`), 32)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
