import { publicationVerdict, PublicationRequest } from './publication';

const NOW = '2027-11-20T02:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(NOW) + hours * 3600_000).toISOString();
const DAY = 24;

describe('publicationVerdict: 公示 lasts the policy’s minimum and does not start in the past', () => {
  const ask = (over: Partial<PublicationRequest>) =>
    publicationVerdict({
      start: at(1),
      end: at(1 + 5 * DAY),
      now: NOW,
      minDays: 5,
      byChief: false,
      reason: null,
      ...over,
    });

  it.each<[string, Partial<PublicationRequest>, string | null, string[]]>([
    ['5 days from now: ordinary', {}, null, []],
    ['7 days starting now', { start: NOW, end: at(7 * DAY) }, null, []],
    ['a start 5 minutes ago is "now" (the form’s clock)', { start: at(-5 / 60) }, null, []],
    ['a start an hour ago', { start: at(-1) }, 'PUBLICATION_IN_PAST', ['starts-in-past']],
    ['4 days', { end: at(1 + 4 * DAY) }, 'PUBLICATION_TOO_SHORT', ['too-short']],
    [
      'one second short of 5 days',
      { end: at(1 + 5 * DAY - 1 / 3600) },
      'PUBLICATION_TOO_SHORT',
      ['too-short'],
    ],
    ['7 days when the policy asks 7', { minDays: 7, end: at(1 + 7 * DAY) }, null, []],
    [
      '6 days when the policy asks 7',
      { minDays: 7, end: at(1 + 6 * DAY) },
      'PUBLICATION_TOO_SHORT',
      ['too-short'],
    ],
    [
      'past and short',
      { start: at(-2), end: at(3) },
      'PUBLICATION_IN_PAST',
      ['starts-in-past', 'too-short'],
    ],
    ['end before start', { end: at(0) }, 'PUBLICATION_DATES', []],
    ['end equal to start', { end: at(1) }, 'PUBLICATION_DATES', []],
    // The chief judge may make the exception, with a reason.
    [
      'short, by the chief judge without a reason',
      { end: at(2), byChief: true },
      'PUBLICATION_REASON_REQUIRED',
      ['too-short'],
    ],
    [
      'short, by the chief judge with only spaces',
      { end: at(2), byChief: true, reason: '  ' },
      'PUBLICATION_REASON_REQUIRED',
      ['too-short'],
    ],
    [
      'short, by the chief judge with a reason',
      { end: at(2), byChief: true, reason: '复核后重新公示' },
      null,
      ['too-short'],
    ],
    [
      'past, by the chief judge with a reason',
      { start: at(-48), end: at(1), byChief: true, reason: '补登' },
      null,
      ['starts-in-past', 'too-short'],
    ],
    [
      'dates still wrong for the chief judge',
      { end: at(0), byChief: true, reason: 'x' },
      'PUBLICATION_DATES',
      [],
    ],
    ['an ordinary window needs no reason from anyone', { byChief: true }, null, []],
  ])('%s', (_label, over, refusal, exceptions) => {
    const verdict = ask(over);
    expect([verdict.refusal, verdict.exceptions]).toEqual([refusal, exceptions]);
  });

  it('gives the length in days for the message', () => {
    expect(ask({ end: at(1 + 3.5 * DAY) }).days).toBe(3.5);
  });
});
