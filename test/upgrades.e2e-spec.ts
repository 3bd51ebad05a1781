import { connect } from 'node:net';
import { createTestApp, TestApp } from './support/test-app';

describe('websocket upgrades nobody serves', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  /** engine.io's own 1 s destroyUpgrade timer is off (it ended boards' sockets queued for a fan-out worker). */
  it('answers 404 at once instead of leaving the socket open', async () => {
    const { port } = new URL(t.url);
    const started = performance.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'GET /nothing-here/ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
            'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        );
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 404 Not Found');
    expect(performance.now() - started).toBeLessThan(900);
  });
});
