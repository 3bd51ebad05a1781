import request from 'supertest';
import { judgeToLock, PreparedEvent, Session, supervisorCredentials } from './competition-day';
import { makeContestant, makeEvent, makeIdNumber } from './factories';
import type { TestApp } from './test-app';

/** One contestant of an event driven through the API, with the marks they will get. */
export interface Person {
  name: string;
  level: string | null;
  practical: number;
  /** null: no theory score is imported (then marked absent, or THEORY_MISSING). */
  theory: number | null;
  /** The same number is the same person (one resident ID number) across events and editions. */
  idSeq: number;
}

export interface Staff {
  organizer: Session;
  chief: Session;
  encryptor: Session;
  judge: Session & { id: number };
}

export interface RunEvent extends PreparedEvent {
  /** Person index → entry id. */
  entryIds: number[];
}

export const idNumberOf = (idSeq: number) => makeIdNumber('1990-05-05', idSeq);

/**
 * An event as the organiser runs it, through the public API: created in the edition, each person
 * registered (the same idSeq is the same person), approved, drawn, checked in and encrypted;
 * then judged (`practical`), theory imported (`theory`, skipped when null), signed, locked and
 * decrypted. Results are not computed: the caller does that (after marking absences, say).
 */
export async function runEvent(
  t: TestApp,
  staff: Staff,
  editionId: number,
  event: Record<string, unknown>,
  people: Person[],
): Promise<RunEvent> {
  const { organizer, chief, encryptor, judge } = staff;
  const group = (event.group as string | undefined) ?? 'worker';
  const eventId = (
    await request(t.url)
      .post(`/api/editions/${editionId}/events`)
      .set(organizer.auth)
      .send(makeEvent(event))
      .expect(201)
  ).body.id as number;
  const entryNos: string[] = [];
  for (const p of people) {
    const res = await request(t.url)
      .post('/api/entries')
      .set(organizer.auth)
      .send({
        eventId,
        group,
        contestant: makeContestant({
          idNumber: idNumberOf(p.idSeq),
          name: p.name,
          ...(p.level ? { qualificationLevel: p.level } : {}),
          unitName: '无锡市总工会',
        }),
      })
      .expect(201);
    entryNos.push(res.body.entryNo);
  }
  const entries = (
    await request(t.url)
      .get(`/api/editions/${editionId}/entries`)
      .query({ eventId })
      .set(organizer.auth)
      .expect(200)
  ).body as { id: number; entryNo: string }[];
  await request(t.url)
    .post('/api/entries/review')
    .set(organizer.auth)
    .send({ entryIds: entries.map((e) => e.id), decision: 'approve' })
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
  const entryIdOf = new Map(entries.map((e) => [e.entryNo, e.id]));
  const day: RunEvent = {
    eventId,
    editionId,
    organizer,
    chief,
    encryptor,
    codeOf: entryNos.map((no) => byEntry.get(no)!.workpieceCode),
    checkInCodeOf: entryNos.map((no) => byEntry.get(no)!.checkInCode),
    entryIds: entryNos.map((no) => entryIdOf.get(no)!),
  };
  await judgeToLock(t, day, judge, {
    practical: (i) => people[i].practical,
    theory: (i) => people[i].theory,
  });
  await request(t.url)
    .post(`/api/events/${eventId}/decrypt`)
    .set(chief.auth)
    .send(await supervisorCredentials(t))
    .expect(200);
  return day;
}

/**
 * Publishes for a couple of seconds and makes final: far shorter than any policy's minimum, so
 * the chief judge publishes with a reason (the exception the rule allows), in the given order.
 */
export async function publishAndFinalize(
  t: TestApp,
  staff: Pick<Staff, 'organizer' | 'chief'>,
  eventIds: number[],
): Promise<void> {
  const end = Date.now() + 1_500;
  for (const id of eventIds) {
    await request(t.url)
      .post(`/api/events/${id}/results/publish`)
      .set(staff.chief.auth)
      .send({
        start: new Date().toISOString(),
        end: new Date(end).toISOString(),
        reason: '测试：缩短公示期',
      })
      .expect(200);
  }
  await new Promise((r) => setTimeout(r, Math.max(0, end + 100 - Date.now())));
  for (const id of eventIds) {
    await request(t.url)
      .post(`/api/events/${id}/results/finalize`)
      .set(staff.organizer.auth)
      .expect(200);
  }
}
