import type { IncomingMessage } from 'node:http';

/**
 * Messages between the API process and its fan-out workers (Node IPC, JSON).
 * API → worker: a connection to adopt (with the request bytes the API already read), a broadcast
 * (already serialized as the socket.io frame every viewer is sent), the answer to a join. Worker → API: ready, a join to answer, its viewer count.
 */
export type ToWorker =
  | { type: 'connection'; id: number; request: string }
  | { type: 'frame'; room: string; frame: string }
  | { type: 'answer'; id: number; room: string | null; answer: unknown };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'join'; id: number; body: unknown }
  | { type: 'viewers'; count: number }
  | { type: 'adopted'; id: number };

/** The bytes of a request as they arrived: request line, headers, then what followed them. */
export function requestBytes(req: IncomingMessage, head: Buffer): Buffer {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head]);
}

/**
 * With REDIS_URL, the channel every instance's workers listen on: each message is the room, a
 * newline, then the frame — published once per broadcast by the instance that made it.
 */
export const FRAMES_CHANNEL = 'wuxi:live:frames';

export const framesMessage = (room: string, frame: string) => `${room}\n${frame}`;
