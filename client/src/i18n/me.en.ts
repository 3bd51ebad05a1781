import type { MeMessages } from './me.zh-CN';

/** English texts of the contestant's own page; same keys as me.zh-CN.ts. */
const meEn: MeMessages = {
  me: {
    title: 'My results',
    unit: 'Recommended by {name}',
    entries: 'My entries',
    noEntries: 'No entries yet',
    entryNo: 'Entry no. {no}',
    workstation: 'Workstation',
    notDrawn: 'Not drawn yet',
    checkIn: 'Check-in',
    late: 'Late',
    liveBoard: 'Live results',
    results: 'Results',
    provisional: 'Provisional (as on the live board): final once published (公示)',
    resultsPending: 'Shown here once the results are published',
    rank: 'Rank',
    tied: 'tied',
    total: 'Total',
    prize: 'Prize',
    titles: 'Titles',
    cash: 'Cash award',
    upgrade: 'Qualification upgrade',
    absent: 'Absent',
    noPrizeReasons: {
      'did-not-compete': 'Did not compete',
      'below-floor': 'Below the prize floor',
      'beyond-quota': 'No prize',
    },
    publicationEnd: 'Published until {time}',
    appealDeadline: 'Appeals until {time}',
    grants: 'My awards',
    noGrants: 'No awards yet (recorded by the committee once the results are final)',
    treatment: 'Model-worker treatment',
    noUpgrade: 'No upgrade: {reason}',
    paidAt: 'Paid on {time}',
    appeals: 'My appeals',
    noAppeals: 'No appeals',
    fileAppeal: 'File an appeal',
    appealTitle: 'Appeal: {event}',
    appealHint:
      'State what you appeal against and why; the arbitration panel decides and its decision appears on this page.',
    appealText: 'Your appeal',
    appealFiled: 'Appeal filed',
    submit: 'Submit',
    col: {
      event: 'Event',
      basis: 'Basis',
      filedAt: 'Filed',
      text: 'Appeal',
      status: 'Status',
      decision: 'Decision',
    },
  },
  errors: {
    CONTESTANT_NOT_LINKED:
      'This account is not linked to a contestant; please contact the organizing committee',
    NOT_YOUR_EVENT: 'You can only appeal against an event you entered',
    CONTESTANT_NOT_FOUND: 'No such contestant',
    CONTESTANT_ALREADY_LINKED: 'This contestant already has a login',
    CONTESTANT_LINK_ROLE: 'Only an account with the role contestant can be linked to a contestant',
  },
};

export default meEn;
