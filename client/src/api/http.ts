import { session } from '../auth/session';
import { currentLocale } from '../i18n';
import type { ApiErrorCode, ErrorBody, FieldError, LoginResponse } from './contracts';

const BASE = '/api';

/** An error answered by the server (or a network failure, statusCode 0). */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ApiErrorCode;
  /** The values the code's sentence needs (errorText words it from code + params). */
  readonly params?: Record<string, unknown>;
  readonly details?: unknown;
  /** Seconds from a Retry-After header (LOGIN_THROTTLED). */
  readonly retryAfter?: number;

  constructor(body: ErrorBody, retryAfter?: number) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.params = body.params;
    this.details = body.details;
    this.retryAfter = retryAfter;
  }

  /** Per-field messages of a VALIDATION_FAILED error; empty for any other error. */
  get fieldErrors(): FieldError[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) {
      return [];
    }
    return (this.details as unknown[]).filter(
      (d): d is FieldError =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as FieldError).field === 'string' &&
        Array.isArray((d as FieldError).messages),
    );
  }
}

export interface RequestOptions {
  body?: unknown;
  /** false: send no token (public reads), and never refresh. */
  auth?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let onSignedOut: () => void = () => undefined;

/** Called when the session is gone for good (refresh failed); main.ts routes to /login. */
export function setSignedOutHandler(handler: () => void): void {
  onSignedOut = handler;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).statusCode === 'number'
  );
}

interface Sent {
  response: Response;
  /** The access token the request carried, if any. */
  token: string | null;
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Sent> {
  // The server words its messages (and documents' errors) in the console's language.
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale(),
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const token = options.auth === false ? null : session.accessToken;
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  try {
    const response = await fetch(`${BASE}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { response, token };
  } catch (error) {
    throw new ApiError({
      statusCode: 0,
      code: 'NETWORK_ERROR',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const retry = Number(response.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    return new ApiError(body, retryAfter);
  }
  return new ApiError(
    { statusCode: response.status, code: `HTTP_${response.status}`, message: response.statusText },
    retryAfter,
  );
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time; every request that got a 401 waits for the same one. */
function refreshOnce(): Promise<boolean> {
  const refreshToken = session.refreshToken;
  if (!refreshToken) {
    return Promise.resolve(false);
  }
  refreshing ??= (async () => {
    try {
      const { response } = await send('POST', '/auth/refresh', {
        body: { refreshToken },
        auth: false,
      });
      if (!response.ok) {
        return false;
      }
      session.save((await response.json()) as LoginResponse);
      return true;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function signOut(): void {
  session.clear();
  onSignedOut();
}

/**
 * Before a signed-in request: wait for a refresh under way, and refresh an access token that is
 * about to expire (public reads would otherwise quietly answer as if signed out).
 */
async function freshToken(options: RequestOptions): Promise<void> {
  if (options.auth === false || session.current === null) {
    return;
  }
  if (refreshing) {
    await refreshing;
  } else if (session.expiresSoon() && !(await refreshOnce())) {
    signOut();
  }
}

/** A typed call to the API; throws ApiError for any non-2xx answer. */
export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  await freshToken(options);
  const sent = await send(method, path, options);
  let response = sent.response;
  if (response.status === 401 && sent.token !== null) {
    // Another request may have refreshed already; otherwise refresh (once) and retry.
    const renewed = session.accessToken !== null && session.accessToken !== sent.token;
    if (renewed || (await refreshOnce())) {
      response = (await send(method, path, options)).response;
    } else {
      signOut();
    }
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
};
