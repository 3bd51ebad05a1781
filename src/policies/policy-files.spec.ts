import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicyFiles, PolicyFileError } from './policy-files';

interface PolicyJson {
  prizes: Record<
    string,
    Record<string, { cash: number; qualification: unknown; titles: string[] }>
  >;
  clauses: object[];
}

const real = JSON.parse(
  readFileSync(join(__dirname, '../../data/policies/wuxi-2015.json'), 'utf8'),
) as PolicyJson;

describe('loadPolicyFiles', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'policies-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the 2015 policy', () => {
    writeFileSync(join(dir, 'wuxi-2015.json'), JSON.stringify(real));
    expect(loadPolicyFiles(dir).map((p) => p.id)).toEqual(['wuxi-2015']);
  });

  it.each<[string, (p: PolicyJson) => void, RegExp]>([
    ['a missing prize', (p) => delete p.prizes.worker['2'], /prizes\.worker.*POLICY_MISSING_PRIZE/],
    [
      'a negative amount',
      (p) => (p.prizes.worker['1'].cash = -1),
      /prizes\.worker\.1\.cash: POLICY_NEGATIVE_AMOUNT/,
    ],
    [
      'an unknown level',
      (p) => (p.prizes.worker['3'].qualification = { target: 'master' }),
      /POLICY_UNKNOWN_LEVEL/,
    ],
    [
      'an unknown title',
      (p) => p.prizes.worker['1'].titles.push('无锡技能大王'),
      /POLICY_UNKNOWN_TITLE/,
    ],
    ['a duplicate clause', (p) => p.clauses.push({ ...p.clauses[0] }), /POLICY_DUPLICATE_CLAUSE/],
  ])('stops the start on %s, naming file and path', (_name, spoil, message) => {
    const policy = structuredClone(real);
    spoil(policy);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(policy));
    expect(() => loadPolicyFiles(dir)).toThrow(PolicyFileError);
    expect(() => loadPolicyFiles(dir)).toThrow(new RegExp(`bad\\.json: .*${message.source}`));
  });

  it('refuses a file that is not JSON', () => {
    writeFileSync(join(dir, 'broken.json'), '{ "id": ');
    expect(() => loadPolicyFiles(dir)).toThrow(/broken\.json: not valid JSON/);
  });
});
