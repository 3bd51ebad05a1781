import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { PublicRow, ScoredRow } from './live-events';

/** What the rest of the system may react to. Services emit; gateways and feeds listen. */
export interface DomainEventMap {
  'module.locked': { eventId: number; moduleId: number; moduleCode: string; at: string };
  'module.unlocked': {
    eventId: number;
    moduleId: number;
    moduleCode: string;
    at: string;
    reason: string;
  };
  'results.locked': { eventId: number; at: string };
  /** Names may now appear on the public board. */
  'event.decrypted': { eventId: number; at: string };
  'marks.changed': { eventId: number; moduleId: number };
  /** A live board update was stored; gateways forward it to their rooms. */
  'live.published': {
    editionId: number;
    eventId: number;
    seq: number;
    changes: PublicRow[];
    removed: number[];
    leaders: ScoredRow[];
  };
  /** A logout, password change, reset, deactivation or new role ended the account's sessions. */
  'user.sessions-ended': { userId: number };
  /** An organizer froze or unfroze the event's public board. */
  'live.frozen': { editionId: number; eventId: number; frozen: boolean };
}

/**
 * In-process domain events, emitted after the transaction that caused them has committed.
 * Services never touch socket.io; a gateway subscribes here and forwards.
 */
@Injectable()
export class DomainEvents {
  private readonly emitter = new EventEmitter();

  emit<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof DomainEventMap>(
    name: K,
    listener: (payload: DomainEventMap[K]) => void,
  ): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
