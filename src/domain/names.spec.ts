import { checkPersonName, NameProblem } from './names';

describe('checkPersonName', () => {
  it.each<[string, string]>([
    ['王建国', '王建国'],
    ['  李 娜  ', '李 娜'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['O’Brien-Smith', 'O’Brien-Smith'],
    ['𠀀𠮷', '𠀀𠮷'], // characters outside the BMP: surrogate pairs, whole
    ['张\u200D三', '张\u200D三'], // a joiner inside a name is left alone
  ])('accepts %j as %j', (name, value) => {
    expect(checkPersonName(name)).toEqual({ ok: true, value });
  });

  it.each<[string, NameProblem]>([
    ['', 'blank'],
    ['   ', 'blank'],
    ['\u3000\u3000', 'blank'],
    ['\u200B\u200C\u200D', 'blank'],
    ['\uFEFF \u2060', 'blank'],
    ['王\u0000三', 'control-character'],
    ['王\t三', 'control-character'],
    ['王三\n', 'control-character'],
    ['\u0085王三', 'control-character'],
    ['王\u202E三', 'bidi-control'],
    ['\u2066王三\u2069', 'bidi-control'],
    ['王\u200F三', 'bidi-control'],
    ['王\uD800三', 'lone-surrogate'],
    ['王三\uDC00', 'lone-surrogate'],
    ['王\uFFFD', 'lone-surrogate'],
    ['=HYPERLINK("http://x")', 'formula-prefix'],
    ['+1', 'formula-prefix'],
    ['-2+3', 'formula-prefix'],
    [' @SUM(A1)', 'formula-prefix'],
  ])('refuses %j (%s)', (name, problem) => {
    const result = checkPersonName(name);
    expect(result.ok ? 'accepted' : result.problem).toBe(problem);
  });
});
