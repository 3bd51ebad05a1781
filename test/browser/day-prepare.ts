/**
 * An event of the demo edition registered, drawn, checked in and encrypted over plain HTTP, with
 * no scheme yet: what the chief judge's pages start from. Two of the contestants belong to
 * judge2's unit, so assignment has a recusal to show.
 */
import { api, idNumber, login, Login } from './prepare-event';

export const JUDGE2_UNIT = '无锡威孚高科技集团';

export interface EncryptedEvent {
  eventId: number;
  eventName: string;
  contestants: number;
  organizer: Login;
  chief: Login;
  encryptor: Login;
}

export async function encryptedEvent(
  baseUrl: string,
  eventName: string,
  contestants = 5,
  until: 'codes' | 'draw' = 'codes',
): Promise<EncryptedEvent & { entryNos: string[]; editionId: number }> {
  const organizer = await login(baseUrl, 'organizer');
  const encryptor = await login(baseUrl, 'encryptor');
  const chief = await login(baseUrl, 'chief');
  const [edition] = await api<{ id: number }[]>(baseUrl, 'GET', '/editions', organizer.token);
  const events = await api<{ id: number; name: string }[]>(
    baseUrl,
    'GET',
    `/editions/${edition.id}/events`,
    organizer.token,
  );
  const event = events.find((e) => e.name === eventName);
  if (!event) {
    throw new Error(`the demo edition has no event ${eventName}`);
  }
  const entryNos: string[] = [];
  for (let i = 0; i < contestants; i += 1) {
    const entry = await api<{ entryNo: string }>(baseUrl, 'POST', '/entries', organizer.token, {
      eventId: event.id,
      group: 'worker',
      contestant: {
        idNumber: idNumber('1987-09-21', 500 + i),
        name: `电工选手${i}`,
        phone: '13812345678',
        unitName: i < 2 ? JUDGE2_UNIT : '无锡一汽铸造',
        qualificationOccupation: '电工',
        qualificationLevel: 'senior',
      },
    });
    entryNos.push(entry.entryNo);
  }
  const entries = await api<{ id: number }[]>(
    baseUrl,
    'GET',
    `/editions/${edition.id}/entries?eventId=${event.id}`,
    organizer.token,
  );
  await api(baseUrl, 'POST', '/entries/review', organizer.token, {
    entryIds: entries.map((e) => e.id),
    decision: 'approve',
  });
  await api(baseUrl, 'POST', `/events/${event.id}/draw`, organizer.token, {});
  const prepared = {
    eventId: event.id,
    eventName,
    contestants,
    organizer,
    chief,
    encryptor,
    entryNos,
    editionId: edition.id,
  };
  if (until === 'draw') {
    return prepared;
  }
  for (const entryNo of entryNos) {
    await api(baseUrl, 'POST', `/events/${event.id}/check-in`, organizer.token, {
      entryNo,
      status: 'present',
    });
  }
  await api(baseUrl, 'POST', `/events/${event.id}/codes`, encryptor.token);
  return prepared;
}
