import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors/app-error';
import { SheetLimits } from './sheet-limits';
import { parseTable, TableRow } from './sheet-table';

/** What the API thread asks of the sheet thread (see sheet-thread.ts). */
export interface SheetJob {
  id: number;
  name: string;
  bytes: Uint8Array;
  limits: SheetLimits;
}

/** What the sheet thread answers: the rows, or the error the client is to get. */
export type SheetAnswer =
  | { id: number; rows: TableRow[] }
  | {
      id: number;
      error: Pick<AppError, 'status' | 'code' | 'message' | 'details' | 'params'> | string;
    };

/**
 * The sheet thread: reads one uploaded sheet at a time, so a bomb that runs up to its limits
 * costs this thread's time and heap, and the API's event loop goes on answering health checks
 * and marks meanwhile.
 */
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (job: SheetJob) => {
  queue = queue.then(async () => {
    const buffer = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    let answer: SheetAnswer;
    try {
      answer = {
        id: job.id,
        rows: await parseTable({ originalname: job.name, buffer }, job.limits),
      };
    } catch (error) {
      answer = {
        id: job.id,
        error:
          error instanceof AppError
            ? {
                status: error.status,
                code: error.code,
                message: error.message,
                details: error.details,
                params: error.params,
              }
            : String(error),
      };
    }
    parentPort!.postMessage(answer);
  });
});
