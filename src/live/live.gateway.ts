import { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { DomainEvents } from '../common/domain-events';
import { FanoutService } from './fanout/fanout.service';
import {
  allowJoin,
  editionRoom,
  eventRoom,
  parseJoin,
  roomsToLeave,
  TOO_MANY_JOINS,
} from './join-rules';
import type { LiveServerEvents } from '../common/live-events';
import { LiveRooms } from './live-rooms';
import { localizeAnswer, socketLocale } from './socket-locale';

/**
 * `/live`: public boards. A client joins an event room (standings diffs, numbered) or an edition
 * room (leaders per event). It may say which update it saw last (`since`) to get what it missed.
 * Sockets on this process are served here; sockets handed to fan-out workers get the same
 * broadcasts through FanoutService (or the Redis adapter).
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnModuleInit, OnModuleDestroy {
  private readonly offs: (() => void)[] = [];

  @WebSocketServer()
  private readonly server: Namespace;

  constructor(
    private readonly rooms: LiveRooms,
    private readonly fanout: FanoutService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.offs.push(
      this.events.on('live.published', (update) => {
        this.broadcast(eventRoom(update.eventId), 'standings', {
          eventId: update.eventId,
          seq: update.seq,
          changes: update.changes,
          removed: update.removed,
        });
        this.broadcast(editionRoom(update.editionId), 'leaders', {
          eventId: update.eventId,
          seq: update.seq,
          leaders: update.leaders,
        });
      }),
      this.events.on('live.frozen', ({ eventId, frozen }) =>
        this.broadcast(eventRoom(eventId), 'state', { eventId, frozen }),
      ),
    );
  }

  onModuleDestroy(): void {
    this.offs.forEach((off) => off());
  }

  private broadcast<E extends keyof LiveServerEvents>(
    room: string,
    event: E,
    payload: Parameters<LiveServerEvents[E]>[0],
  ): void {
    this.server.to(room).emit(event, payload);
    this.fanout.broadcast(room, event, payload);
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() client: Socket, @MessageBody() body: unknown): Promise<unknown> {
    const locale = socketLocale(client.handshake);
    if (!allowJoin(client.data as { joins?: number[] })) {
      return localizeAnswer(TOO_MANY_JOINS, locale);
    }
    const request = parseJoin(body);
    if ('error' in request) {
      return localizeAnswer(request, locale);
    }
    const { room, answer } = await this.rooms.answer(request);
    if (room) {
      await client.join(room);
    }
    return localizeAnswer(answer, locale);
  }

  @SubscribeMessage('leave')
  async leave(@ConnectedSocket() client: Socket, @MessageBody() body: unknown): Promise<unknown> {
    for (const room of roomsToLeave(body)) {
      await client.leave(room);
    }
    return { ok: true };
  }
}
