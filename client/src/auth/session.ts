import { computed, reactive } from 'vue';
import type { LoginResponse, Role, User } from '../api/contracts';

const STORAGE_KEY = 'wuxi-skills.session';

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires (from the server's expiresIn). */
  expiresAt: number;
  user: User;
}

function load(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) {
      return null;
    }
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (parsed.accessToken && parsed.refreshToken && parsed.user) {
      return parsed as Session;
    }
  } catch {
    // A damaged entry counts as signed out.
  }
  return null;
}

const state = reactive<{ current: Session | null }>({ current: load() });

/** The signed-in user's tokens, kept in localStorage so a reload stays signed in. */
export const session = {
  get current(): Session | null {
    return state.current;
  },
  get user(): User | null {
    return state.current?.user ?? null;
  },
  get accessToken(): string | null {
    return state.current?.accessToken ?? null;
  },
  get refreshToken(): string | null {
    return state.current?.refreshToken ?? null;
  },
  /** True when the access token is expired or about to be (within `marginMs`). */
  expiresSoon(marginMs = 30_000): boolean {
    const expiresAt = state.current?.expiresAt;
    return typeof expiresAt === 'number' && expiresAt - marginMs <= Date.now();
  },
  save(login: LoginResponse): void {
    const next: Session = {
      accessToken: login.accessToken,
      refreshToken: login.refreshToken,
      expiresAt: Date.now() + login.expiresIn * 1000,
      user: login.user,
    };
    state.current = next;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  },
  setUser(user: User): void {
    if (state.current) {
      state.current = { ...state.current, user };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state.current));
    }
  },
  clear(): void {
    state.current = null;
    localStorage.removeItem(STORAGE_KEY);
  },
};

export const currentUser = computed(() => state.current?.user ?? null);

export const ORGANIZER_ROLES: readonly Role[] = ['admin', 'organizer'];
export const JUDGE_ROLES: readonly Role[] = ['judge', 'chief_judge', 'encryption_judge'];

/** Where a user lands after signing in or opening /. */
export function homeFor(user: User | null): string {
  if (user && ORGANIZER_ROLES.includes(user.role)) {
    return '/admin';
  }
  if (user && JUDGE_ROLES.includes(user.role)) {
    return '/judge';
  }
  if (user?.role === 'supervisor') {
    // 监督仲裁 decides appeals and watches the results.
    return '/review';
  }
  if (user?.role === 'contestant') {
    // 我的成绩: their own entries, results, awards and appeals.
    return '/me';
  }
  return '/live';
}
