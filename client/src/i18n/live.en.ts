import type { LiveMessages } from './live.zh-CN';

/** English texts of the public live boards; same keys as live.zh-CN.ts. */
const liveEn: LiveMessages = {
  live: {
    noStandings: 'No standings yet: locked modules are shown live; scores once decrypted',
    sealed:
      'Scores appear once the chief judge decrypts: until then the board shows only how many modules are locked, so that no one can tie a work-piece code to a workstation',
    provisional: 'Provisional: results not yet published (公示)',
    openBoard: 'Standings',
    bigScreen: 'Big screen',
    back: 'Back',
    workstation: 'Workstation {no}',
    conn: { connected: 'Connected', reconnecting: 'Reconnecting', offline: 'Offline' },
    lastUpdate: 'Last update: {time}',
    neverUpdated: 'Not updated yet',
    seq: 'Update #{seq}',
    frozen: 'Updates paused until the results are revealed',
    tied: 'tied',
    col: {
      lockedModules: 'Modules locked',
      rank: 'Rank',
      contestant: 'Workstation / contestant',
      practical: 'Practical',
      theory: 'Theory',
      total: 'Total',
    },
    chart: { title: 'Distribution of totals', count: 'Contestants' },
    screen: {
      fullscreen: 'Full screen',
      exitFullscreen: 'Exit full screen',
      next: 'Next event',
      rotate: 'Rotating every {seconds} s',
      noEdition: 'Choose an edition',
    },
    error: {
      EVENT_NOT_FOUND: 'The event does not exist or is not published',
      TOO_MANY_JOINS: 'Too many requests; please wait',
      TIMEOUT: 'The server does not answer; retrying',
      other: 'Live results are unavailable',
    },
  },
};

export default liveEn;
