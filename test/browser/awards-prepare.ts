/**
 * Takes the event prepare-event.ts readies for marking all the way to final results and a filled
 * awards ledger, over plain HTTP: judge1 marks and signs, theory scores come in, the chief judge
 * locks and decrypts (with the supervisor present), results are computed, published for a
 * publication period that ends a moment later, made final, and the edition's grants computed
 * (or, with finish: false, left published for the browser to take appeals and finalize).
 */
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from './harness';
import { api, login, Login, prepareEvent } from './prepare-event';

export interface FinalEvent {
  editionId: number;
  eventId: number;
  organizer: Login;
  /** When the publication period ends (ms since the epoch). */
  publicationEnd: number;
  /** Contestant names, best first. */
  ranking: string[];
  grants: { id: number; prize: number | null; cash: number; contestantId: number }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface FinalOptions {
  contestants?: number;
  /** How long the publication period (公示) lasts from now. */
  publicationMs?: number;
  /** false: stop once published (the browser finalizes and computes the grants). */
  finish?: boolean;
}

export async function prepareFinalEvent(
  baseUrl: string,
  { contestants = 5, publicationMs = 2_000, finish = true }: FinalOptions = {},
): Promise<FinalEvent> {
  const day = await prepareEvent(baseUrl, contestants);
  const organizer = await login(baseUrl, 'organizer');
  const encryptor = await login(baseUrl, 'encryptor');
  const { eventId, moduleId, judge1, chief } = day;

  const scheme = await api<{ modules: { id: number; aspects: { id: number }[] }[] }>(
    baseUrl,
    'GET',
    `/events/${eventId}/scheme`,
    chief.token,
  );
  const aspectIds = scheme.modules[0].aspects.map((a) => a.id);
  // Contestant i (in code order) gets 30 + 4i per aspect: distinct totals, no ties.
  const marks = day.workpieceCodes.flatMap((workpieceCode, i) =>
    aspectIds.map((aspectId) => ({
      clientId: randomUUID(),
      workpieceCode,
      aspectId,
      value: 30 + 4 * i,
    })),
  );
  await api(baseUrl, 'POST', '/judge/marks/batch', judge1.token, { marks });
  await api(baseUrl, 'POST', `/judge/modules/${moduleId}/sign`, judge1.token);

  const codeMap = await api<{ checkInCode: string }[]>(
    baseUrl,
    'GET',
    `/events/${eventId}/code-map`,
    encryptor.token,
  );
  await api(baseUrl, 'POST', `/events/${eventId}/theory`, chief.token, {
    scores: codeMap.map((r, i) => ({ checkInCode: r.checkInCode, score: 70 + i })),
  });
  await api(baseUrl, 'POST', `/modules/${moduleId}/lock`, chief.token);
  await api(baseUrl, 'POST', `/events/${eventId}/decrypt`, chief.token, {
    supervisorUsername: 'supervisor',
    supervisorPassword: DEMO_PASSWORD,
  });
  await api(baseUrl, 'POST', `/events/${eventId}/results/compute`, chief.token);

  const end = Date.now() + publicationMs;
  // Seconds of 公示 instead of the policy's 5 days: the chief judge's exception, with a reason.
  await api(baseUrl, 'POST', `/events/${eventId}/results/publish`, chief.token, {
    start: new Date(Date.now() - 60_000).toISOString(),
    end: new Date(end).toISOString(),
    reason: '测试：缩短公示期',
  });
  const editions = await api<{ id: number }[]>(baseUrl, 'GET', '/editions', organizer.token);
  const editionId = editions[0].id;
  if (finish) {
    await sleep(end - Date.now() + 300);
    await api(baseUrl, 'POST', `/events/${eventId}/results/finalize`, organizer.token);
    // Four eyes: the admin computes the ledger, so the organizer may approve it in the browser.
    const admin = await login(baseUrl, 'admin');
    await api(baseUrl, 'POST', `/editions/${editionId}/grants/compute`, admin.token);
  }
  const results = await api<{ status: string; rows: { name: string }[] }>(
    baseUrl,
    'GET',
    `/events/${eventId}/results`,
    organizer.token,
  );
  if (results.status !== (finish ? 'final' : 'published')) {
    throw new Error(`unexpected results status: ${JSON.stringify(results)}`);
  }
  const grants = await api<FinalEvent['grants']>(
    baseUrl,
    'GET',
    `/editions/${editionId}/grants`,
    organizer.token,
  );
  return {
    editionId,
    eventId,
    organizer,
    ranking: results.rows.map((r) => r.name),
    publicationEnd: end,
    grants,
  };
}
