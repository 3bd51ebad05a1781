import { DEMO_PASSWORD } from './harness';
/**
 * A decrypted event for the boards, over plain HTTP: `count` contestants of the demo edition's
 * 电工 event imported, approved, drawn and checked in; a two-module scheme (零件加工, 装配调试); one
 * judge marks every piece with distinct totals and signs; the chief judge locks both modules and
 * decrypts. One contestant (ranked `ownRank`) gets a login, so the phone board has an own row.
 */
import { randomUUID } from 'node:crypto';
import { api, login, Login } from './prepare-event';

// The bench's import helper builds the registration sheet from the server's own columns.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { importContestants } = require('../../bench/prepare') as {
  importContestants: (
    url: string,
    auth: Record<string, string>,
    editionId: number,
    occupation: string,
    count: number,
  ) => Promise<void>;
};

export const BOARD_SCHEME = {
  modules: [
    {
      code: 'A',
      name: '零件加工',
      aspects: [{ code: 'A1', description: '尺寸精度', kind: 'measurement', max: 60, step: 0.01 }],
    },
    {
      code: 'B',
      name: '装配调试',
      aspects: [{ code: 'B1', description: '装配质量', kind: 'measurement', max: 40, step: 0.01 }],
    },
  ],
};

export interface BoardEvent {
  editionId: number;
  eventId: number;
  eventName: string;
  /** Every contestant's name, as imported. */
  names: string[];
  contestant: { username: string; password: string; name: string; workstationNo: number };
  organizer: Login;
}

const bearer = (l: Login) => ({ Authorization: `Bearer ${l.token}` });

export interface MarkingEvent {
  editionId: number;
  eventId: number;
  eventName: string;
  entries: { id: number; entryNo: string; contestant: { id: number; name: string } }[];
  modules: { id: number; aspects: { id: number; code: string }[] }[];
  codes: string[];
  organizer: Login;
  chief: Login;
  judge: Login;
}

/**
 * `count` contestants of the demo edition's `occupation` event imported, approved, drawn, checked
 * in and coded; `scheme` put; `judgeName` (a demo judge) assigned to every module.
 */
export async function prepareMarkingEvent(
  baseUrl: string,
  {
    count,
    occupation,
    scheme,
    judgeName = 'judge2',
  }: {
    count: number;
    occupation: string;
    scheme: unknown;
    judgeName?: string;
  },
): Promise<MarkingEvent> {
  const organizer = await login(baseUrl, 'organizer');
  const chief = await login(baseUrl, 'chief');
  const encryptor = await login(baseUrl, 'encryptor');
  const judge = await login(baseUrl, judgeName);
  const editions = await api<{ id: number }[]>(baseUrl, 'GET', '/editions', organizer.token);
  const editionId = editions[0].id;
  const events = await api<{ id: number; name: string; occupation: string }[]>(
    baseUrl,
    'GET',
    `/editions/${editionId}/events`,
    organizer.token,
  );
  const event = events.find((e) => e.occupation === occupation);
  if (!event) {
    throw new Error(`the demo edition has no ${occupation} event`);
  }
  await importContestants(baseUrl, bearer(organizer), editionId, occupation, count);
  const entries = await api<MarkingEvent['entries']>(
    baseUrl,
    'GET',
    `/editions/${editionId}/entries?eventId=${event.id}`,
    organizer.token,
  );
  await api(baseUrl, 'POST', '/entries/review', organizer.token, {
    entryIds: entries.map((e) => e.id),
    decision: 'approve',
  });
  await api(baseUrl, 'POST', `/events/${event.id}/draw`, organizer.token, {});
  for (const entry of entries) {
    await api(baseUrl, 'POST', `/events/${event.id}/check-in`, organizer.token, {
      entryNo: entry.entryNo,
      status: 'present',
    });
  }
  await api(baseUrl, 'POST', `/events/${event.id}/codes`, encryptor.token);
  const put = await api<{ modules: MarkingEvent['modules'] }>(
    baseUrl,
    'PUT',
    `/events/${event.id}/scheme`,
    chief.token,
    scheme,
  );
  await api(baseUrl, 'PUT', `/events/${event.id}/assignments`, chief.token, {
    modules: put.modules.map((m) => ({ moduleId: m.id, judgeIds: [judge.userId] })),
  });
  const tasks = await api<{ eventId: number; workpieceCodes: string[] }[]>(
    baseUrl,
    'GET',
    '/judge/tasks',
    judge.token,
  );
  return {
    editionId,
    eventId: event.id,
    eventName: event.name,
    entries,
    modules: put.modules,
    codes: tasks.find((x) => x.eventId === event.id)?.workpieceCodes ?? [],
    organizer,
    chief,
    judge,
  };
}

export async function prepareBoard(
  baseUrl: string,
  count = 30,
  ownRank = 24,
  occupation = '电工',
): Promise<BoardEvent> {
  const day = await prepareMarkingEvent(baseUrl, { count, occupation, scheme: BOARD_SCHEME });
  const { editionId, event, entries, organizer, chief, judge } = {
    ...day,
    event: { id: day.eventId, name: day.eventName },
  };
  const scheme = { modules: day.modules };
  const codes = day.codes;
  // Piece i: A = 30 + 0.9 i + 0.37, B = 20 + 0.5 i + 0.11: distinct totals with two decimals.
  const marks = codes.flatMap((workpieceCode, i) => [
    {
      clientId: randomUUID(),
      workpieceCode,
      aspectId: scheme.modules[0].aspects[0].id,
      value: Math.round((30 + 0.9 * i + 0.37) * 100) / 100,
    },
    {
      clientId: randomUUID(),
      workpieceCode,
      aspectId: scheme.modules[1].aspects[0].id,
      value: Math.round((20 + 0.5 * i + 0.11) * 100) / 100,
    },
  ]);
  await api(baseUrl, 'POST', '/judge/marks/batch', judge.token, { marks });
  for (const module of scheme.modules) {
    await api(baseUrl, 'POST', `/judge/modules/${module.id}/sign`, judge.token);
    await api(baseUrl, 'POST', `/modules/${module.id}/lock`, chief.token);
  }
  await api(baseUrl, 'POST', `/events/${event.id}/decrypt`, chief.token, {
    supervisorUsername: 'supervisor',
    supervisorPassword: DEMO_PASSWORD,
  });

  // The board's own row: the contestant now ranked `ownRank`.
  const deadline = Date.now() + 10_000;
  let rows: { workstationNo: number; rank: number; name?: string }[] = [];
  while (Date.now() < deadline) {
    rows = (await api<{ rows: typeof rows }>(baseUrl, 'GET', `/events/${event.id}/standings`)).rows;
    if (rows.length === count && rows.every((r) => r.name)) {
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const own = rows.find((r) => r.rank === ownRank);
  const entry = entries.find((e) => e.contestant.name === own?.name);
  if (!own || !entry) {
    throw new Error(`no decrypted row ranked ${ownRank}: ${JSON.stringify(rows.slice(0, 3))}`);
  }
  const username = 'board.me';
  const account = await api<{ password: string }>(
    baseUrl,
    'POST',
    `/contestants/${entry.contestant.id}/account`,
    organizer.token,
    { username },
  );
  return {
    editionId,
    eventId: event.id,
    eventName: event.name,
    names: entries.map((e) => e.contestant.name),
    contestant: {
      username,
      password: account.password,
      name: entry.contestant.name,
      workstationNo: own.workstationNo,
    },
    organizer,
  };
}
