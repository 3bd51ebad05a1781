import type { TabletMessages } from './tablet.zh-CN';

/** English texts of the judge's pad; same keys as tablet.zh-CN.ts. */
const tabletEn: TabletMessages = {
  judge: {
    pad: {
      title: 'Marking pad',
      none: 'Every cell is marked: tap a cell to change it',
      readonly: 'This module is signed or locked: marks cannot change',
      back: 'Delete a digit',
      keyboardHint: 'Keyboard: digits, point, Enter confirms, arrows move',
    },
    legend: {
      title: 'Legend',
      empty: 'Not marked',
      pending: 'Waiting to send',
      synced: 'Synced',
      conflict: 'Conflict',
      error: 'Error',
      remark: 'Re-mark',
    },
    requests: {
      title: "The chief judge's re-mark requests",
      cell: '{code} · {aspect}',
      open: 'To re-mark',
      answered: 'Re-marked',
      badge: 'Re-mark',
    },
    cleared: {
      remark:
        'Your signature was cleared: the chief judge asked for a re-mark ({reason}). Re-mark, then sign again.',
      unlock:
        'Your signature was cleared: the chief judge unlocked this module ({reason}). Check, then sign again.',
      resign: 'Sign again',
    },
    sync: {
      offlineSaved: 'Offline: {count} marks are kept on this tablet and go out when back online',
      allSynced: 'Everything is synced',
      sent: 'Synced',
      failed: 'Not sent yet; retrying shortly',
    },
    tasksLabel: 'Modules to mark',
  },
};

export default tabletEn;
