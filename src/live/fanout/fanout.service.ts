import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { FANOUT_PATH, parseJoin } from '../join-rules';
import { RedisLinkHolder } from '../redis-link';
import { LiveRooms } from '../live-rooms';
import { FRAMES_CHANNEL, framesMessage, FromWorker, requestBytes, ToWorker } from './protocol';
import { eventPacket } from './wire';

interface Worker {
  child: ChildProcess;
  ready: boolean;
  viewers: number;
  /** Sockets sent to it that it has not said it adopted (see handOver). */
  handed: Map<number, Socket>;
}

const RESPAWN_MS = 1000;

/** Stops the socket's reads at the source (pause() alone lets Node read on into its buffer). */
function stopReading(socket: Socket): void {
  (socket as unknown as { _handle?: { readStop?: () => number } | null })._handle?.readStop?.();
}
const SHUTDOWN_GRACE_MS = 2000;

/**
 * Moves the public boards' sockets out of the API process. Websocket upgrades on FANOUT_PATH are
 * handed, socket and all, to LIVE_WORKERS forked workers (round robin); each broadcast is then one
 * IPC message per worker instead of one write per viewer on the API's event loop. A worker that
 * dies is started again; its viewers reconnect and catch up with `since`. Polling clients, and
 * every client when LIVE_WORKERS=0, stay on the in-process gateway at /socket.io.
 */
@Injectable()
export class FanoutService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Fanout');
  private readonly workers: Worker[] = [];
  private next = 0;
  private nextConnection = 1;
  private stopping = false;
  private readonly script = join(__dirname, 'fanout-worker.js');

  constructor(
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly rooms: LiveRooms,
    private readonly redis: RedisLinkHolder,
  ) {}

  /** For /api/health: workers ready to take viewers, and the viewers they last reported. */
  get status(): { workers: number; viewers: number } {
    return {
      workers: this.workers.filter((w) => w.ready && w.child.connected).length,
      viewers: this.workers.reduce((sum, w) => sum + w.viewers, 0),
    };
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) {
      return;
    }
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) =>
      this.handOver(req, socket, head),
    );
    if (this.config.LIVE_WORKERS === 0) {
      return;
    }
    if (!existsSync(this.script)) {
      // Running from TypeScript sources (tests): there is no compiled worker to fork.
      this.logger.warn(`no ${this.script}; live viewers stay in this process`);
      return;
    }
    for (let i = 0; i < this.config.LIVE_WORKERS; i += 1) {
      this.workers.push(this.spawn());
    }
  }

  /**
   * Before the HTTP server closes, not after: a socket handed to a worker still counts as one of
   * the server's connections (Node asks the worker on close), so server.close() would wait for
   * the workers' viewers for ever. The workers go first, and their viewers reconnect elsewhere.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.workers.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) {
              return resolve();
            }
            const force = setTimeout(() => child.kill('SIGKILL'), SHUTDOWN_GRACE_MS);
            child.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    this.forgetHandedSockets();
  }

  /**
   * Node's net.Server, once it has handed a socket to a child, asks those children on close()
   * whether their sockets are closed. Each child leaves that list when it exits, but the server
   * still believes it uses workers, and close() with none left to answer never completes
   * (node:net Server.close counts one connection for the poll and no worker ever answers). On
   * SQLite the process then ended only because nothing else was left to run; on PostgreSQL its
   * pool kept it alive until idle clients timed out (10 s), without closing the database.
   */
  private forgetHandedSockets(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as
      (Server & { _usingWorkers?: boolean; _workers?: unknown[] }) | undefined;
    if (server?._usingWorkers && server._workers?.length === 0) {
      server._usingWorkers = false;
    }
  }

  /**
   * Serialized once here, for every worker of every instance: with Redis up, published on one
   * channel all instances' workers listen on; while it is down, sent over IPC to this instance's
   * workers only (the other instances' viewers catch up with `since` afterwards).
   */
  broadcast(room: string, event: string, payload: unknown): void {
    const link = this.redis.link;
    if (link?.ready) {
      // Also from an instance without workers of its own: the others' workers listen.
      link.publish(FRAMES_CHANNEL, framesMessage(room, eventPacket(event, payload)));
    } else if (this.workers.length > 0) {
      this.sendAll({ type: 'frame', room, frame: eventPacket(event, payload) });
    }
  }

  private handOver(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = req.url ?? '';
    if (url.startsWith('/socket.io/')) {
      return; // socket.io's own upgrade handler serves /socket.io
    }
    if (!url.startsWith(`${FANOUT_PATH}/`)) {
      // engine.io's destroyUpgrade is off (see ConfiguredIoAdapter): an upgrade nobody serves ends here.
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const worker = this.pick();
    if (!worker) {
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const message: ToWorker = {
      type: 'connection',
      id: this.nextConnection++,
      request: requestBytes(req, head).toString('base64'),
    };
    // Until the worker says it has the socket, it is also this process's to close: a worker that
    // dies first (killed between two of its viewers' reconnects) would otherwise leave it open in
    // Node's queue of handles waiting to be sent, and the board hanging until its own timeout.
    worker.handed.set(message.id, socket);
    // This process must not read the socket again: Node gives the handle a no-op reader when it
    // is sent and closes it only once the send is done, so the board's first packet (its
    // namespace connect), if this process read it first, was dropped and the board waited for
    // ever, connected and never answered (3-8 of 10,000 viewers with two instances).
    stopReading(socket);
    worker.child.send(message, socket, (error) => {
      if (error) {
        worker.handed.delete(message.id);
        socket.destroy();
      }
    });
  }

  private pick(): Worker | null {
    for (let i = 0; i < this.workers.length; i += 1) {
      const worker = this.workers[(this.next + i) % this.workers.length];
      if (worker.ready && worker.child.connected) {
        this.next = (this.next + i + 1) % this.workers.length;
        return worker;
      }
    }
    return null;
  }

  private spawn(): Worker {
    const child = fork(this.script, [], {
      env: { ...process.env, REDIS_URL: this.config.REDIS_URL ?? '' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker: Worker = { child, ready: false, viewers: 0, handed: new Map() };
    const gone = () => {
      worker.ready = false;
      worker.handed.forEach((socket) => socket.destroy());
      worker.handed.clear();
    };
    child.on('disconnect', gone);
    child.on('message', (message: FromWorker) => void this.onMessage(worker, message));
    child.on('error', (error) => this.logger.error(`worker ${child.pid}: ${error.message}`));
    child.on('exit', (code, signal) => {
      gone();
      worker.viewers = 0;
      if (this.stopping) {
        return;
      }
      this.logger.error(`worker ${child.pid} exited (${signal ?? code}); starting another`);
      setTimeout(() => {
        const index = this.workers.indexOf(worker);
        if (index >= 0 && !this.stopping) {
          this.workers[index] = this.spawn();
        }
      }, RESPAWN_MS).unref();
    });
    return worker;
  }

  private async onMessage(worker: Worker, message: FromWorker): Promise<void> {
    switch (message.type) {
      case 'ready':
        worker.ready = true;
        break;
      case 'viewers':
        worker.viewers = message.count;
        break;
      case 'adopted':
        worker.handed.delete(message.id);
        break;
      case 'join': {
        const request = parseJoin(message.body);
        const { room, answer } =
          'error' in request ? { room: null, answer: request } : await this.rooms.answer(request);
        this.send(worker, { type: 'answer', id: message.id, room, answer });
        break;
      }
    }
  }

  private sendAll(message: ToWorker): void {
    for (const worker of this.workers) {
      this.send(worker, message);
    }
  }

  private send(worker: Worker, message: ToWorker): void {
    if (worker.child.connected) {
      worker.child.send(message, (error) => {
        if (error) {
          this.logger.warn(`worker ${worker.child.pid}: ${error.message}`);
        }
      });
    }
  }
}
