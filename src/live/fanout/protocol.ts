import type { IncomingMessage } from 'node:http';

/**
 * Messages between the API process and its fan-out workers (Node IPC, JSON).
 * API → worker: a connection to adopt (with the request bytes the API already read), a broadcast,
 * the answer to a join. Worker → API: ready, a join to answer, its viewer count.
 */
export type ToWorker =
  | { type: 'connection'; request: string }
  | { type: 'emit'; room: string; event: string; payload: unknown }
  | { type: 'answer'; id: number; room: string | null; answer: unknown };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'join'; id: number; body: unknown }
  | { type: 'viewers'; count: number };

/** The bytes of a request as they arrived: request line, headers, then what followed them. */
export function requestBytes(req: IncomingMessage, head: Buffer): Buffer {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head]);
}
