import { session } from '../auth/session';
import { http } from './http';
import type { LoginResponse, User } from './contracts';

export async function login(username: string, password: string): Promise<User> {
  const result = await http.post<LoginResponse>(
    '/auth/login',
    { username, password },
    { auth: false },
  );
  session.save(result);
  return result.user;
}

export async function logout(): Promise<void> {
  const refreshToken = session.refreshToken;
  session.clear();
  if (refreshToken) {
    // Best effort: the local session is gone either way.
    await http.post('/auth/logout', { refreshToken }, { auth: false }).catch(() => undefined);
  }
}

export function me(): Promise<User> {
  return http.get<User>('/auth/me');
}
