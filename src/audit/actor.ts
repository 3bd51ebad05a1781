import type { Role } from '../domain/competition';

/** Who did something: a signed-in user, or the system itself (seeding, start-up). */
export interface Actor {
  id: number | null;
  /** The username: what the audit log records. */
  name: string;
  role: Role | 'system';
  /** The person's name as documents and lists show it (never the username). */
  displayName?: string;
}

/** How a person is named to people: display name, the username only when there is none. */
export function personName(actor: Actor): string {
  return actor.displayName ?? (actor.role === 'system' ? '系统' : actor.name);
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system' };
