import { utf8FileName } from '../upload';
import { glossaryTerm, grantUpgradeNote, localeFromHeader, upgradeNoteText } from './glossary';

describe('locale from Accept-Language', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR,en;q=0.5', 'en'],
    ['zh-TW', 'zh-CN'],
    ['de', 'zh-CN'],
    ['en;q=0,zh;q=0.1', 'zh-CN'],
  ])('%s → %s', (header, locale) => {
    expect(localeFromHeader(header)).toBe(locale);
  });
});

describe('glossary', () => {
  it('has one word per state, the same for the console and the documents', () => {
    expect(glossaryTerm('checkInStates', 'present', 'zh-CN')).toBe('已检录');
    expect(glossaryTerm('grantStatuses', 'pending', 'zh-CN')).toBe('待审批');
    expect(glossaryTerm('levels', 'technician', 'en')).toBe('Technician (level 2)');
    expect(glossaryTerm('levels', 'unknown-key', 'zh-CN')).toBe('unknown-key');
    expect(upgradeNoteText('already at the top level', 'zh-CN')).toBe('已是最高等级，不再晋升');
    expect(upgradeNoteText(null, 'zh-CN')).toBe('');
  });
});

describe('grantUpgradeNote: why a grant brings no promotion', () => {
  const second = '每人每年至多晋升一次：2027年已因“数控车工(职工组)一等奖”晋升，本次不再晋升';
  it.each<[string | null, string | null, 'zh-CN' | 'en', string]>([
    [second, 'once-a-year', 'zh-CN', second],
    [second, 'once-a-year', 'en', 'At most one promotion a year: already promoted this year'],
    [
      '已达到竞赛可晋升的最高等级（高级技师（一级）），不再晋升',
      'at-cap',
      'en',
      'Already at the highest level a competition awards; no promotion',
    ],
    ['已是最高等级，不再晋升', null, 'zh-CN', '已是最高等级，不再晋升'], // before codes were kept
    ['already at the top level', null, 'en', 'Already at the top level; no promotion'],
    [null, 'none', 'zh-CN', '该奖项不含职业资格晋升'],
    [null, null, 'en', ''],
  ])('%s (%s) in %s', (note, code, locale, words) => {
    expect(grantUpgradeNote(note, code, locale)).toBe(words);
  });
});

describe('upload file names', () => {
  it('reads a name multer decoded as latin1 back as UTF-8, and keeps good names', () => {
    const garbled = Buffer.from('报名表-测试.xlsx', 'utf8').toString('latin1');
    expect(garbled).not.toBe('报名表-测试.xlsx');
    expect(utf8FileName(garbled)).toBe('报名表-测试.xlsx');
    expect(utf8FileName('报名表.xlsx')).toBe('报名表.xlsx');
    expect(utf8FileName('café.xlsx')).toBe('café.xlsx');
    expect(utf8FileName('entries.csv')).toBe('entries.csv');
  });
});
