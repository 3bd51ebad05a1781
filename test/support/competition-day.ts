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
): Promise<PreparedEvent> {
  const organizer = await signIn(t, 'organizer', `org${year}`);
  const chief = await signIn(t, 'chief_judge', `chief${year}`);
  const encryptor = await signIn(t, 'encryption_judge', `enc${year}`);
  const edition = (
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
