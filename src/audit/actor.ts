import type { Role } from '../domain/competition';

/** Who did something: a signed-in user, or the system itself (seeding, start-up). */
export interface Actor {
  id: number | null;
  name: string;
  role: Role | 'system';
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system' };
