import { createServer, Server, Socket } from 'node:net';
import { createClient } from 'redis';
import { closeRedis } from './redis-close';

/**
 * A "Redis" that answers the client's greeting (CLIENT SETINFO) and then goes silent, as a Redis
 * that hangs does: what a shutdown must not wait on.
 */
function blackHole(): Promise<{
  server: Server;
  port: number;
  silence(): void;
  sockets: Socket[];
}> {
  const sockets: Socket[] = [];
  let answering = true;
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (chunk) => {
      const commands = chunk.toString().match(/(^|\r\n)\*\d+\r\n/g)?.length ?? 0;
      if (answering) {
        socket.write('+OK\r\n'.repeat(commands));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        server,
        port: typeof address === 'object' && address ? address.port : 0,
        silence: () => (answering = false),
        sockets,
      });
    }),
  );
}

describe('closeRedis', () => {
  it('returns within its wait when Redis never answers QUIT, and drops the connection', async () => {
    const hole = await blackHole();
    const client = createClient({ url: `redis://127.0.0.1:${hole.port}` });
    client.on('error', () => undefined);
    await client.connect();
    expect(client.isReady).toBe(true);
    hole.silence();
    const started = performance.now();
    await closeRedis(client, 300);
    const took = performance.now() - started;
    expect(took).toBeLessThan(2_000);
    expect(client.isOpen).toBe(false);
    hole.sockets.forEach((s) => s.destroy());
    await new Promise((resolve) => hole.server.close(resolve));
  });

  it('quits a Redis that answers', async () => {
    const client = createClient({ url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
    await client.connect();
    await closeRedis(client);
    expect(client.isOpen).toBe(false);
  });
});
