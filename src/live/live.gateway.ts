import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { DomainEvents } from '../common/domain-events';
import { toErrorBody } from '../common/errors/error.filter';
import { StandingsService } from './standings.service';

/** Joins allowed per socket per window: a flood of join/leave is refused, not served. */
const JOIN_LIMIT = 30;
const JOIN_WINDOW_MS = 10_000;

interface JoinMessage {
  eventId?: unknown;
  editionId?: unknown;
  since?: unknown;
}

const positiveInt = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/**
 * `/live`: public boards. A client joins an event room (standings diffs, numbered) or an edition
 * room (leaders per event). It may say which update it saw last (`since`) to get what it missed.
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveGateway.name);
  private off: (() => void) | null = null;

  @WebSocketServer()
  private readonly server: Namespace;

  constructor(
    private readonly standings: StandingsService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.off = this.events.on('live.published', (update) => {
      this.server.to(`event:${update.eventId}`).emit('standings', {
        eventId: update.eventId,
        seq: update.seq,
        changes: update.changes,
        removed: update.removed,
      });
      this.server.to(`edition:${update.editionId}`).emit('leaders', {
        eventId: update.eventId,
        seq: update.seq,
        leaders: update.leaders,
      });
    });
  }

  onModuleDestroy(): void {
    this.off?.();
  }

  @SubscribeMessage('join')
  async join(
    @ConnectedSocket() client: Socket,
    @MessageBody() body: JoinMessage,
  ): Promise<unknown> {
    try {
      if (!this.allowJoin(client)) {
        return {
          error: { code: 'TOO_MANY_JOINS', message: 'Too many joins; wait a few seconds.' },
        };
      }
      const message = typeof body === 'object' && body !== null ? body : {};
      if (positiveInt(message.editionId)) {
        await client.join(`edition:${message.editionId}`);
        return { ok: true, editionId: message.editionId };
      }
      if (!positiveInt(message.eventId)) {
        return {
          error: { code: 'VALIDATION_FAILED', message: 'Send { eventId } or { editionId }.' },
        };
      }
      const eventId = message.eventId;
      const answer =
        message.since === undefined
          ? await this.standings.snapshot(eventId)
          : await this.standings.since(eventId, message.since as number);
      await client.join(`event:${eventId}`);
      return answer;
    } catch (error) {
      const { code, message } = toErrorBody(error);
      if (code === 'INTERNAL_ERROR') {
        this.logger.error(error);
      }
      return { error: { code, message } };
    }
  }

  @SubscribeMessage('leave')
  async leave(
    @ConnectedSocket() client: Socket,
    @MessageBody() body: JoinMessage,
  ): Promise<unknown> {
    const message = typeof body === 'object' && body !== null ? body : {};
    if (positiveInt(message.eventId)) {
      await client.leave(`event:${message.eventId}`);
    }
    if (positiveInt(message.editionId)) {
      await client.leave(`edition:${message.editionId}`);
    }
    return { ok: true };
  }

  private allowJoin(client: Socket): boolean {
    const now = Date.now();
    const recent = ((client.data.joins as number[] | undefined) ?? []).filter(
      (t) => now - t < JOIN_WINDOW_MS,
    );
    recent.push(now);
    client.data.joins = recent;
    return recent.length <= JOIN_LIMIT;
  }
}
