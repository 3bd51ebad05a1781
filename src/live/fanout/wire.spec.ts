import { ackPacket, connectAnswer, eventPacket, openPacket, parseIncoming } from './wire';

describe('the fan-out workers’ socket.io wire format', () => {
  it('reads what a socket.io 4 client sends: connect with auth, events with ack ids, pongs', () => {
    expect(parseIncoming('40/live,{"locale":"en"}')).toEqual({
      kind: 'connect',
      nsp: '/live',
      auth: { locale: 'en' },
    });
    expect(parseIncoming('40/live,')).toEqual({ kind: 'connect', nsp: '/live', auth: undefined });
    expect(parseIncoming('42/live,12["join",{"eventId":3,"since":2}]')).toEqual({
      kind: 'event',
      nsp: '/live',
      id: 12,
      name: 'join',
      body: { eventId: 3, since: 2 },
    });
    expect(parseIncoming('42/live,["leave",{"eventId":3}]')).toMatchObject({ id: null });
    expect(parseIncoming('41/live,')).toEqual({ kind: 'disconnect', nsp: '/live' });
    expect(parseIncoming('3')).toEqual({ kind: 'pong' });
    expect(parseIncoming('40')).toEqual({ kind: 'connect', nsp: '/', auth: undefined });
  });

  it('refuses what a board never sends: bad JSON, binary and ack packets, non-array events', () => {
    for (const text of [
      '42/live,1["join",',
      '45/live,1-["x"]',
      '43/live,1[{}]',
      '42/live,{"a":1}',
      'x',
      '',
    ]) {
      expect(parseIncoming(text)).toEqual({ kind: 'invalid' });
    }
  });

  it('writes the packets the client expects', () => {
    expect(JSON.parse(openPacket('abc', 16384).slice(1))).toEqual({
      sid: 'abc',
      upgrades: [],
      pingInterval: 25000,
      pingTimeout: 20000,
      maxPayload: 16384,
    });
    expect(connectAnswer('abc')).toBe('40/live,{"sid":"abc"}');
    expect(ackPacket(7, { ok: true })).toBe('43/live,7[{"ok":true}]');
    expect(eventPacket('standings', { seq: 1 })).toBe('42/live,["standings",{"seq":1}]');
  });
});
