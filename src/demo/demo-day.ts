/**
 * The demo edition of a competition day (DEMO=day): five events, one at each phase, played
 * through the application's own HTTP API right after start-up, so every rule, every audit
 * entry and the hash chain are exactly what real use would leave behind (no raw inserts).
 */
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { idCheckCharacter } from '../domain/id-number';
import type { CreateEditionDto } from '../editions/dto/edition.dto';
import type { CreateEventDto } from '../editions/dto/event.dto';
import { DEMO_CONTESTANT, DEMO_PASSWORD } from './demo-data';

export const DAY_EDITION: CreateEditionDto = {
  year: 2026,
  name: '2026年无锡技能精英大赛（演示·比赛日）',
  startDate: '2026-10-17',
  endDate: '2026-10-25',
  status: 'published',
};

const event = (occupation: string, phase: string): CreateEventDto => ({
  occupation,
  name: `${occupation}(职工组·${phase})`,
  level: 'senior',
  group: 'worker',
  mode: 'individual',
  theoryWeight: 30,
  practicalWeight: 70,
  status: 'published',
});

/** In phase order: registration open, marking, locked and decrypted, published, final. */
export const DAY_PHASES = ['registration', 'marking', 'decrypted', 'published', 'final'] as const;
export type DayPhase = (typeof DAY_PHASES)[number];

export const DAY_EVENTS: Record<DayPhase, CreateEventDto> = {
  registration: event('电工', '报名中'),
  marking: event('焊工', '评分中'),
  decrypted: event('钳工', '已解密'),
  published: event('汽车维修工', '公示中'),
  final: event('数控车工', '已定稿'),
};

const DAY_SCHEME = {
  modules: [
    {
      code: 'A',
      name: '零件加工',
      aspects: [
        {
          code: 'A1',
          description: '表面质量',
          kind: 'judgement',
          aggregation: 'mean',
          max: 50,
          step: 0.5,
        },
        {
          code: 'A2',
          description: '工艺合理性',
          kind: 'judgement',
          aggregation: 'mean',
          max: 50,
          step: 0.5,
        },
      ],
    },
  ],
};

const DAY = 86_400_000;
const NAMES = ['钱伟', '孙丽', '李娜', '周杰', '吴芳', '郑浩'];

interface Login {
  token: string;
  userId: number;
}

class Api {
  constructor(private readonly baseUrl: string) {}

  async call<T>(method: string, path: string, who?: Login, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(who ? { Authorization: `Bearer ${who.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`demo day: ${method} ${path} → ${response.status} ${text}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async login(username: string): Promise<Login> {
    const res = await this.call<{ accessToken: string; user: { id: number } }>(
      'POST',
      '/auth/login',
      undefined,
      { username, password: DEMO_PASSWORD },
    );
    return { token: res.accessToken, userId: res.user.id };
  }
}

interface CodeRow {
  entryNo: string;
  checkInCode: string;
  workpieceCode: string;
}

/** `rows` with the demo contestant's row (if any) moved to the end. */
function lastDemo<T>(rows: T[], isDemo: (row: T) => boolean): T[] {
  return [...rows.filter((r) => !isDemo(r)), ...rows.filter(isDemo)];
}

function idNumber(seq: number): string {
  const body = `32021119${80 + (seq % 15)}0612${String(100 + seq).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

/** Plays the day on a freshly seeded database; `eventIds` are the day edition's events. */
export async function playDemoDay(
  baseUrl: string,
  editionId: number,
  eventIds: Record<DayPhase, number>,
): Promise<void> {
  const api = new Api(baseUrl);
  const [organizer, admin, chief, encryptor, judge1, judge2] = await Promise.all(
    ['organizer', 'admin', 'chief', 'encryptor', 'judge1', 'judge2'].map((u) => api.login(u)),
  );
  let seq = 0;
  const register = async (phase: DayPhase, count: number, withDemoContestant = false) => {
    const { occupation } = DAY_EVENTS[phase];
    for (let i = 0; i < count; i += 1) {
      seq += 1;
      const own = withDemoContestant && i === 0;
      await api.call('POST', '/entries', organizer, {
        eventId: eventIds[phase],
        group: 'worker',
        contestant: {
          idNumber: own ? DEMO_CONTESTANT.idNumber : idNumber(seq),
          name: own
            ? DEMO_CONTESTANT.name
            : `${NAMES[i % NAMES.length]}${phase === 'final' ? '' : seq}`,
          phone: '13812345678',
          unitName: own
            ? DEMO_CONTESTANT.unitName
            : i % 2
              ? '无锡一汽铸造有限公司'
              : '江阴兴澄特种钢铁有限公司',
          qualificationOccupation: occupation,
          qualificationLevel: 'senior',
        },
      });
    }
    return api.call<{ id: number; entryNo: string; contestant: { name: string } }[]>(
      'GET',
      `/editions/${editionId}/entries?eventId=${eventIds[phase]}`,
      organizer,
    );
  };
  const approve = (entries: { id: number }[]) =>
    api.call('POST', '/entries/review', organizer, {
      entryIds: entries.map((e) => e.id),
      decision: 'approve',
    });

  // Registration open: entries in, half of them approved, the rest waiting for review.
  const open = await register('registration', 4);
  await approve(open.slice(0, 2));

  /** Registered, approved, drawn, checked in, coded, scheme put, both judges on the module. */
  const ready = async (phase: DayPhase, count: number, withDemo = false) => {
    const id = eventIds[phase];
    const entries = await register(phase, count, withDemo);
    await approve(entries);
    await api.call('POST', `/events/${id}/draw`, organizer, {});
    for (const entry of entries) {
      await api.call('POST', `/events/${id}/check-in`, organizer, {
        entryNo: entry.entryNo,
        status: 'present',
      });
    }
    await api.call('POST', `/events/${id}/codes`, encryptor);
    const scheme = await api.call<{
      modules: { id: number; aspects: { id: number; code: string }[] }[];
    }>('PUT', `/events/${id}/scheme`, chief, DAY_SCHEME);
    const module = scheme.modules[0];
    await api.call('PUT', `/events/${id}/assignments`, chief, {
      modules: [{ moduleId: module.id, judgeIds: [judge1.userId, judge2.userId] }],
    });
    const tasks = await api.call<{ eventId: number; workpieceCodes: string[] }[]>(
      'GET',
      '/judge/tasks',
      judge1,
    );
    const codes = tasks.find((t) => t.eventId === id)?.workpieceCodes ?? [];
    // Marks and theory rise with the position: 赵磊's piece and code go last, so he wins.
    const ownNo = entries.find((e) => e.contestant.name === DEMO_CONTESTANT.name)?.entryNo;
    const codeMap = lastDemo(
      await api.call<CodeRow[]>('GET', `/events/${id}/code-map`, encryptor),
      (r) => r.entryNo === ownNo,
    );
    const own = ownNo ? codeMap.at(-1)?.workpieceCode : undefined;
    return { id, module, codes: lastDemo(codes, (c) => c === own), codeMap };
  };
  /** Both judges mark both aspects of the first `pieces` workpieces. */
  const mark = async (day: Awaited<ReturnType<typeof ready>>, pieces: number) => {
    const [a1, a2] = day.module.aspects;
    for (const [j, judge] of [judge1, judge2].entries()) {
      const marks = day.codes.slice(0, pieces).flatMap((workpieceCode, i) => [
        { clientId: randomUUID(), workpieceCode, aspectId: a1.id, value: 30 + 2.5 * i + j },
        { clientId: randomUUID(), workpieceCode, aspectId: a2.id, value: 35.5 + 1.5 * i - j / 2 },
      ]);
      const batch = await api.call<{ results: { status: number; body: unknown }[] }>(
        'POST',
        '/judge/marks/batch',
        judge,
        { marks },
      );
      const refused = batch.results.find((r) => r.status >= 300);
      if (refused) {
        throw new Error(`demo day: a mark was refused: ${JSON.stringify(refused.body)}`);
      }
    }
  };
  const decrypt = async (day: Awaited<ReturnType<typeof ready>>) => {
    await mark(day, day.codes.length);
    for (const judge of [judge1, judge2]) {
      await api.call('POST', `/judge/modules/${day.module.id}/sign`, judge);
    }
    const codeMap = day.codeMap;
    await api.call('POST', `/events/${day.id}/theory`, chief, {
      scores: codeMap.map((r, i) => ({ checkInCode: r.checkInCode, score: 68 + 3 * i })),
    });
    await api.call('POST', `/modules/${day.module.id}/lock`, chief);
    await api.call('POST', `/events/${day.id}/decrypt`, chief, {
      supervisorUsername: 'supervisor',
      supervisorPassword: DEMO_PASSWORD,
    });
  };
  const publish = async (day: Awaited<ReturnType<typeof ready>>, start: number, end: number) => {
    await api.call('POST', `/events/${day.id}/results/compute`, chief);
    await api.call('POST', `/events/${day.id}/results/publish`, chief, {
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      // A 公示 that began in the past needs the chief judge's exception, with its reason.
      reason: '演示数据：公示期按演示的比赛日设定',
    });
  };

  // Marking: half the pieces marked by both judges, nothing signed.
  const marking = await ready('marking', 5);
  await mark(marking, 3);

  // Locked and decrypted: every piece marked and signed, theory in, locked, opened with the supervisor.
  await decrypt(await ready('decrypted', 5));

  // Published: results computed and in their 公示 (publication period), a full week from yesterday.
  const published = await ready('published', 5);
  await decrypt(published);
  const now = Date.now();
  await publish(published, now - DAY, now + 6 * DAY);

  // Final: 公示 over (a week that ended yesterday), made final, grants computed and approved.
  const final = await ready('final', 6, true);
  await decrypt(final);
  await publish(final, now - 8 * DAY, now - DAY);
  await api.call('POST', `/events/${final.id}/results/finalize`, organizer);
  // Four eyes: the admin computes the ledger, the organizer approves it.
  await api.call('POST', `/editions/${editionId}/grants/compute`, admin);
  const grants = await api.call<{ id: number }[]>(
    'GET',
    `/editions/${editionId}/grants`,
    organizer,
  );
  if (grants.length > 0) {
    await api.call('POST', '/grants/approve', organizer, { grantIds: grants.map((g) => g.id) });
  }
  new Logger('Seed').log(`Played the demo day: ${DAY_EDITION.name}, one event at each phase.`);
}
