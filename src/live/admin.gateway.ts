import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { TokenService } from '../auth/token.service';
import { DomainEvents } from '../common/domain-events';
import { AppError } from '../common/errors/app-error';
import { toErrorBody } from '../common/errors/error-body';
import type { Role } from '../domain/competition';
import { AppConfig } from '../config/app-config';
import { LockService } from '../judging/lock.service';
import { localizeAnswer, socketLocale } from './socket-locale';

const ADMIN_ROLES: Role[] = ['admin', 'organizer', 'chief_judge', 'supervisor'];
/** Progress is pushed at most once a second per event, however fast marks arrive. */
const PROGRESS_INTERVAL_MS = 1000;

const userRoom = (userId: number) => `user:${userId}`;

/** Refuses a socket with the same `{ code, message }` the HTTP API would give, then disconnects. */
export function refuse(client: Socket, code: string, message: string): void {
  const { error } = localizeAnswer({ error: { code, message } }, socketLocale(client.handshake));
  client.emit('refused', error);
  client.disconnect(true);
}

/**
 * `/admin`: live marking progress for organizers and the chief judge. A socket is authenticated
 * once, in handleConnection, from `auth.token` in the handshake; anyone else is refused.
 */
@WebSocketGateway({ namespace: '/admin' })
export class AdminGateway implements OnGatewayConnection, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AdminGateway.name);
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly offs: (() => void)[] = [];

  @WebSocketServer()
  private readonly server: Namespace;

  constructor(
    private readonly tokens: TokenService,
    private readonly events: DomainEvents,
    private readonly locks: LockService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const changed = ({ eventId }: { eventId: number }) => this.schedule(eventId);
    this.offs.push(
      this.events.on('user.sessions-ended', ({ userId }) => this.endSessions(userId)),
      this.events.on('marks.changed', changed),
      this.events.on('module.locked', changed),
      this.events.on('module.unlocked', changed),
    );
  }

  onModuleDestroy(): void {
    this.offs.forEach((off) => off());
    this.timers.forEach((t) => clearTimeout(t));
  }

  async handleConnection(client: Socket): Promise<void> {
    const token: unknown = (client.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token === '') {
      return refuse(client, 'UNAUTHENTICATED', 'Sign in to open the admin channel.');
    }
    try {
      const user = await this.tokens.authenticate(token);
      if (!ADMIN_ROLES.includes(user.role)) {
        return refuse(client, 'FORBIDDEN_ROLE', 'The admin channel is for organizers.');
      }
      client.data.user = user;
      // Its own room, so that a logout on any instance (Redis adapter) can close it.
      await client.join(userRoom(user.id));
      client.emit('session', { user });
    } catch (error) {
      if (error instanceof AppError) {
        return refuse(client, error.code, error.message);
      }
      this.logger.error(error);
      return refuse(client, 'INTERNAL_ERROR', 'Internal error.');
    }
  }

  /** The account's sessions ended (logout, password, deactivation): so do its sockets. */
  private endSessions(userId: number): void {
    const sockets = this.server.in(userRoom(userId));
    sockets.emit('refused', {
      code: 'TOKEN_REVOKED',
      message: 'The session ended (signed out, new password or account disabled).',
    });
    sockets.disconnectSockets(true);
  }

  /** Watch an event's marking progress: the current figures now, then pushes as they change. */
  @SubscribeMessage('watch')
  async watch(
    @ConnectedSocket() client: Socket,
    @MessageBody() body: { eventId?: unknown },
  ): Promise<unknown> {
    const eventId = typeof body === 'object' && body !== null ? body.eventId : undefined;
    if (
      !client.data.user ||
      typeof eventId !== 'number' ||
      !Number.isSafeInteger(eventId) ||
      eventId < 1
    ) {
      return localizeAnswer(
        { error: { code: 'VALIDATION_FAILED', message: 'Send { eventId }.' } },
        socketLocale(client.handshake),
      );
    }
    try {
      const progress = await this.locks.progress(eventId);
      await client.join(`event:${eventId}`);
      return { eventId, progress };
    } catch (error) {
      const { code, message } = toErrorBody(error, socketLocale(client.handshake));
      return { error: { code, message } };
    }
  }

  private schedule(eventId: number): void {
    if (this.timers.has(eventId) || !this.watched(eventId)) {
      return;
    }
    this.timers.set(
      eventId,
      setTimeout(() => {
        this.timers.delete(eventId);
        this.locks
          .progress(eventId)
          .then((progress) =>
            this.server.to(`event:${eventId}`).emit('progress', { eventId, progress }),
          )
          .catch((error: unknown) => this.logger.error(error));
      }, PROGRESS_INTERVAL_MS),
    );
  }

  /**
   * Whether anyone may be watching: marks arrive many times a second during judging, and the
   * progress query is not free. Across instances (Redis) the watchers may be elsewhere.
   */
  private watched(eventId: number): boolean {
    return (
      Boolean(this.config.REDIS_URL) ||
      (this.server.adapter.rooms.get(`event:${eventId}`)?.size ?? 0) > 0
    );
  }
}
