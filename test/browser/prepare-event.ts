/**
 * Prepares an event for marking over plain HTTP (no browser): as organizer, register, approve,
 * draw and check in a few contestants; as encryptor, generate the codes; as chief judge, set a
 * small scheme and assign judge1. The demo database has accounts and events but no entries.
 */
import { idCheckCharacter } from '../../src/domain/id-number';
import { DEMO_PASSWORD } from './harness';

export interface Login {
  token: string;
  userId: number;
}

export interface PreparedEvent {
  eventId: number;
  moduleId: number;
  /** Aspect codes in scheme order. */
  aspectCodes: string[];
  workpieceCodes: string[];
  judge1: Login;
  chief: Login;
}

export async function api<T>(
  baseUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} → ${response.status} ${text}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function login(baseUrl: string, username: string): Promise<Login> {
  const res = await api<{ accessToken: string; user: { id: number } }>(
    baseUrl,
    'POST',
    '/auth/login',
    undefined,
    { username, password: DEMO_PASSWORD },
  );
  return { token: res.accessToken, userId: res.user.id };
}

/** A valid 18-digit ID number (Wuxi Binhu region code, the given birth date and sequence). */
export function idNumber(birthDate: string, seq: number): string {
  const body = `320211${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

export const SCHEME = {
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

export async function prepareEvent(baseUrl: string, contestants = 5): Promise<PreparedEvent> {
  const organizer = await login(baseUrl, 'organizer');
  const encryptor = await login(baseUrl, 'encryptor');
  const chief = await login(baseUrl, 'chief');
  const judge1 = await login(baseUrl, 'judge1');

  const editions = await api<{ id: number }[]>(baseUrl, 'GET', '/editions', organizer.token);
  const events = await api<{ id: number; group: string; mode: string; status: string }[]>(
    baseUrl,
    'GET',
    `/editions/${editions[0].id}/events`,
    organizer.token,
  );
  const event = events.find((e) => e.group === 'worker' && e.mode === 'individual');
  if (!event) {
    throw new Error('the demo edition has no individual worker event');
  }
  const eventId = event.id;

  const entryNos: string[] = [];
  for (let i = 0; i < contestants; i += 1) {
    const entry = await api<{ entryNo: string }>(baseUrl, 'POST', '/entries', organizer.token, {
      eventId,
      group: 'worker',
      contestant: {
        idNumber: idNumber('1988-04-12', 300 + i),
        name: `测试选手${i}`,
        phone: '13812345678',
        unitName: '无锡一汽铸造',
        qualificationOccupation: '数控车工',
        qualificationLevel: 'senior',
      },
    });
    entryNos.push(entry.entryNo);
  }
  const entries = await api<{ id: number }[]>(
    baseUrl,
    'GET',
    `/editions/${editions[0].id}/entries?eventId=${eventId}`,
    organizer.token,
  );
  await api(baseUrl, 'POST', '/entries/review', organizer.token, {
    entryIds: entries.map((e) => e.id),
    decision: 'approve',
  });
  await api(baseUrl, 'POST', `/events/${eventId}/draw`, organizer.token, {});
  for (const entryNo of entryNos) {
    await api(baseUrl, 'POST', `/events/${eventId}/check-in`, organizer.token, {
      entryNo,
      status: 'present',
    });
  }
  await api(baseUrl, 'POST', `/events/${eventId}/codes`, encryptor.token);

  const scheme = await api<{ modules: { id: number; aspects: { code: string }[] }[] }>(
    baseUrl,
    'PUT',
    `/events/${eventId}/scheme`,
    chief.token,
    SCHEME,
  );
  const moduleId = scheme.modules[0].id;
  await api(baseUrl, 'PUT', `/events/${eventId}/assignments`, chief.token, {
    modules: [{ moduleId, judgeIds: [judge1.userId] }],
  });
  const tasks = await api<{ moduleId: number; workpieceCodes: string[] }[]>(
    baseUrl,
    'GET',
    '/judge/tasks',
    judge1.token,
  );
  const task = tasks.find((x) => x.moduleId === moduleId);
  if (!task || task.workpieceCodes.length !== contestants) {
    throw new Error(`judge1's task is not ready: ${JSON.stringify(tasks)}`);
  }
  return {
    eventId,
    moduleId,
    aspectCodes: scheme.modules[0].aspects.map((a) => a.code),
    workpieceCodes: task.workpieceCodes,
    judge1,
    chief,
  };
}
