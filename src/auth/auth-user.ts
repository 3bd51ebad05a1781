import type { Actor } from '../audit/actor';
import type { Role } from '../domain/competition';

/** The caller as the guard established it from a verified access token. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitName: string | null;
}

export function actorOf(user: AuthUser): Actor {
  return { id: user.id, name: user.username, role: user.role, displayName: user.displayName };
}
