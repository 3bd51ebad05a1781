import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SYSTEM_ACTOR } from '../../src/audit/actor';
import { UsersService } from '../../src/users/users.service';
import {
  makeContestant,
  makeEdition,
  makeEvent,
  makeIdNumber,
  PASSWORD,
  signIn,
} from './factories';
import type { TestApp } from './test-app';

export type Session = Awaited<ReturnType<typeof signIn>>;

export interface PreparedEvent {
  eventId: number;
  editionId: number;
  organizer: Session;
  chief: Session;
  encryptor: Session;
  /** Contestant index (0-based, as registered) → work-piece code. */
  codeOf: string[];
  checkInCodeOf: string[];
}

/**
 * Registers `count` contestants in a fresh event, approves, draws, checks everyone in and
 * generates codes: an event ready for marking. Contestant i belongs to unit `U{i % 4}`.
 */
export async function prepareEvent(
  t: TestApp,
  count: number,
  eventOverrides: Record<string, unknown> = {},
  year = 2027,
  /** Another event in this edition (then `year` only names the accounts and people). */
  editionId?: number,
): Promise<PreparedEvent> {
  const organizer = await signIn(t, 'organizer', `org${year}`);
  const chief = await signIn(t, 'chief_judge', `chief${year}`);
  const encryptor = await signIn(t, 'encryption_judge', `enc${year}`);
  const edition = editionId
    ? { id: editionId }
    : (
        await request(t.url)
          .post('/api/editions')
          .set(organizer.auth)
          .send(makeEdition({ year }))
          .expect(201)
      ).body;
  const eventId = (
    await request(t.url)
      .post(`/api/editions/${edition.id}/events`)
      .set(organizer.auth)
      .send(makeEvent(eventOverrides))
      .expect(201)
  ).body.id;
  const entryNos: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const res = await request(t.url)
      .post('/api/entries')
      .set(organizer.auth)
      .send({
        eventId,
        group: 'worker',
        contestant: makeContestant({
          idNumber: makeIdNumber('1985-06-15', 400 + i + (year - 2027) * 50),
          name: `参赛者${i}`,
          unitName: `U${i % 4}`,
        }),
      })
      .expect(201);
    entryNos.push(res.body.entryNo);
  }
  const entries = (
    await request(t.url)
      .get(`/api/editions/${edition.id}/entries`)
      .query({ eventId })
      .set(organizer.auth)
      .expect(200)
  ).body;
  await request(t.url)
    .post('/api/entries/review')
    .set(organizer.auth)
    .send({ entryIds: entries.map((e: { id: number }) => e.id), decision: 'approve' })
    .expect(200);
  await request(t.url).post(`/api/events/${eventId}/draw`).set(organizer.auth).send({}).expect(201);
  for (const entryNo of entryNos) {
    await request(t.url)
      .post(`/api/events/${eventId}/check-in`)
      .set(organizer.auth)
      .send({ entryNo, status: 'present' })
      .expect(200);
  }
  await request(t.url).post(`/api/events/${eventId}/codes`).set(encryptor.auth).expect(201);
  const map = (
    await request(t.url).get(`/api/events/${eventId}/code-map`).set(encryptor.auth).expect(200)
  ).body as { entryNo: string; workpieceCode: string; checkInCode: string }[];
  const byEntry = new Map(map.map((r) => [r.entryNo, r]));
  return {
    eventId,
    editionId: edition.id as number,
    organizer,
    chief,
    encryptor,
    codeOf: entryNos.map((no) => byEntry.get(no)!.workpieceCode),
    checkInCodeOf: entryNos.map((no) => byEntry.get(no)!.checkInCode),
  };
}

/** Judge accounts with units (recusal compares the judge's unit with the contestant's). */
export async function makeJudges(
  t: TestApp,
  units: (string | null)[],
  prefix = 'j',
): Promise<(Session & { id: number })[]> {
  const judges: (Session & { id: number })[] = [];
  for (const [i, unit] of units.entries()) {
    const username = `${prefix}${i}`;
    const account = await t.app.get(UsersService).create(SYSTEM_ACTOR, {
      username,
      displayName: `裁判${i}`,
      role: 'judge',
      password: PASSWORD,
      ...(unit ? { unitName: unit } : {}),
    });
    const res = await request(t.url)
      .post('/api/auth/login')
      .send({ username, password: PASSWORD })
      .expect(200);
    judges.push({
      id: account.id,
      token: res.body.accessToken,
      refreshToken: res.body.refreshToken,
      auth: { Authorization: `Bearer ${res.body.accessToken}` },
    });
  }
  return judges;
}

const supervisors = new WeakMap<TestApp, Promise<{ username: string; id: number }>>();

/** A supervisor account of the app (made once): decryption needs their own credentials. */
export function supervisorAccount(t: TestApp): Promise<{ username: string; id: number }> {
  let account = supervisors.get(t);
  if (!account) {
    const username = `supervisor-${randomUUID().slice(0, 8)}`;
    account = t.app
      .get(UsersService)
      .create(SYSTEM_ACTOR, {
        username,
        displayName: '监督仲裁 刘洋',
        role: 'supervisor',
        password: PASSWORD,
      })
      .then((user) => ({ username, id: user.id }));
    supervisors.set(t, account);
  }
  return account;
}

/** The body of POST /events/:id/decrypt: the supervisor signs in on the chief judge's screen. */
export async function supervisorCredentials(
  t: TestApp,
): Promise<{ supervisorUsername: string; supervisorPassword: string }> {
  const { username } = await supervisorAccount(t);
  return { supervisorUsername: username, supervisorPassword: PASSWORD };
}

/**
 * Judges a prepared event to provisional results as the day runs: a one-module scheme (A1, a
 * measurement out of 100), the judge marks every piece (`practical(i)` for contestant i), theory
 * is imported (`theory(i)`, none when null), then sign-off, lock, decryption with the supervisor's
 * credentials, and the results computed (unless `compute: false`).
 */
export async function judgeToResults(
  t: TestApp,
  day: PreparedEvent,
  judge: Session & { id: number },
  marks: {
    practical: (i: number) => number;
    /** null: no theory score is imported for contestant i. */
    theory: (i: number) => number | null;
    step?: number;
  },
  options: { compute?: boolean } = {},
): Promise<{ moduleId: number; aspectId: number }> {
  const ids = await judgeToLock(t, day, judge, marks);
  await request(t.url)
    .post(`/api/events/${day.eventId}/decrypt`)
    .set(day.chief.auth)
    .send(await supervisorCredentials(t))
    .expect(200);
  if (options.compute ?? true) {
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/compute`)
      .set(day.chief.auth)
      .expect(200);
  }
  return ids;
}

/** As judgeToResults, up to the chief judge's lock (the results are locked, still sealed). */
export async function judgeToLock(
  t: TestApp,
  day: PreparedEvent,
  judge: Session & { id: number },
  marks: { practical: (i: number) => number; theory: (i: number) => number | null; step?: number },
): Promise<{ moduleId: number; aspectId: number }> {
  const scheme = await request(t.url)
    .put(`/api/events/${day.eventId}/scheme`)
    .set(day.chief.auth)
    .send({
      modules: [
        {
          code: 'A',
          name: '实操',
          aspects: [
            {
              code: 'A1',
              description: '成品',
              kind: 'measurement',
              max: 100,
              step: marks.step ?? 1,
            },
          ],
        },
      ],
    })
    .expect(200);
  const moduleId = scheme.body.modules[0].id as number;
  const aspectId = scheme.body.modules[0].aspects[0].id as number;
  await request(t.url)
    .put(`/api/events/${day.eventId}/assignments`)
    .set(day.chief.auth)
    .send({ modules: [{ moduleId, judgeIds: [judge.id] }] })
    .expect(200);
  await request(t.url)
    .post('/api/judge/marks/batch')
    .set(judge.auth)
    .send({
      marks: day.codeOf.map((workpieceCode, i) => ({
        clientId: randomUUID(),
        workpieceCode,
        aspectId,
        value: marks.practical(i),
      })),
    })
    .expect(200);
  await request(t.url)
    .post(`/api/events/${day.eventId}/theory`)
    .set(day.chief.auth)
    .send({
      scores: day.checkInCodeOf
        .map((checkInCode, i) => ({ checkInCode, score: marks.theory(i) }))
        .filter((s) => s.score !== null),
    })
    .expect(200);
  await request(t.url).post(`/api/judge/modules/${moduleId}/sign`).set(judge.auth).expect(200);
  await request(t.url).post(`/api/modules/${moduleId}/lock`).set(day.chief.auth).expect(200);
  return { moduleId, aspectId };
}
