import { session } from '../auth/session';
import { ApiError, http } from './http';
import type { ErrorBody } from './contracts';

const BASE = '/api';

async function toError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  if (body && typeof body.code === 'string') {
    return new ApiError(body);
  }
  return new ApiError({
    statusCode: response.status,
    code: `HTTP_${response.status}`,
    message: response.statusText,
  });
}

/**
 * fetch with the bearer token, for bodies http.ts does not send (files in and out). A 401 asks
 * GET /auth/me once, which lets http.ts refresh the token, and retries.
 */
async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const attempt = () => {
    const headers = new Headers(init.headers);
    const token = session.accessToken;
    if (token) {
      headers.set('Authorization', `Bearer ${token}`);
    }
    return fetch(`${BASE}${path}`, { ...init, headers });
  };
  let response: Response;
  try {
    response = await attempt();
    if (response.status === 401 && session.current) {
      await http.get('/auth/me').catch(() => undefined);
      response = await attempt();
    }
  } catch (error) {
    throw new ApiError({
      statusCode: 0,
      code: 'NETWORK_ERROR',
      message: error instanceof Error ? error.message : String(error),
    });
  }
  if (!response.ok) {
    throw await toError(response);
  }
  return response;
}

/** The file name of a Content-Disposition header (RFC 5987 filename* first). */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    return decodeURIComponent(star[1]);
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

/** Downloads a file the API serves to signed-in users and saves it in the browser. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const response = await authorizedFetch(path, { headers: { Accept: '*/*' } });
  const blob = await response.blob();
  const name = fileNameOf(response, fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** POSTs a file as multipart form field `file`; the answer is JSON. */
export async function uploadFile<T>(
  path: string,
  file: File,
  fields: Record<string, string> = {},
): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    form.append(name, value);
  }
  form.append('file', file, file.name);
  const response = await authorizedFetch(path, {
    method: 'POST',
    headers: { Accept: 'application/json' },
    body: form,
  });
  return (await response.json()) as T;
}
