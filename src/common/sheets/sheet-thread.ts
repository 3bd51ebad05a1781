import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, badRequest } from '../errors/app-error';
import { SheetLimits } from './sheet-limits';
import { TableRow, UploadedSheet } from './sheet-table';
import type { SheetAnswer, SheetJob } from './sheet-worker';

/**
 * The sheet thread's heap. The limits stop a bomb long before this (10 MB of XML, 100,000
 * cells); should one get past them, the thread dies (ERR_WORKER_OUT_OF_MEMORY), the upload is
 * refused as unreadable and the next upload gets a new thread. The API never shares its heap.
 */
const HEAP_MB = 256;

interface Pending {
  resolve: (rows: TableRow[]) => void;
  reject: (error: Error) => void;
}

const logger = new Logger('SheetThread');
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/**
 * The built server runs sheet-worker.js beside this file; tests and scripts that run the
 * TypeScript sources load sheet-worker.ts through the project's require hook.
 */
function start(): Worker {
  const built = join(__dirname, 'sheet-worker.js');
  const options = { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } };
  const thread = existsSync(built)
    ? new Worker(built, options)
    : new Worker(
        `require(${JSON.stringify(join(__dirname, '../../../scripts/ts-register.js'))});` +
          `require(${JSON.stringify(join(__dirname, 'sheet-worker.ts'))});`,
        { ...options, eval: true },
      );
  thread.on('message', (answer: SheetAnswer) => {
    const job = pending.get(answer.id);
    pending.delete(answer.id);
    if (pending.size === 0) {
      thread.unref();
    }
    if (!job) {
      return;
    }
    if ('rows' in answer) {
      job.resolve(answer.rows);
    } else if (typeof answer.error === 'string') {
      job.reject(new Error(answer.error));
    } else {
      const { status, code, message, details, params } = answer.error;
      job.reject(new AppError(status, code, message, details, params));
    }
  });
  const fail = (error: Error) => {
    logger.warn(`sheet thread stopped: ${error.message}`);
    if (worker === thread) {
      worker = null;
    }
    for (const job of pending.values()) {
      job.reject(badRequest('IMPORT_UNREADABLE', 'The file is not a readable .xlsx workbook.'));
    }
    pending.clear();
  };
  thread.on('error', fail);
  thread.on('exit', (code) => fail(new Error(`exit ${code}`)));
  return thread;
}

/**
 * The one reader of uploaded sheets (imports, scheme, theory and times): parseTable with its
 * limits, in a thread of its own so that reading a sheet never stalls the API.
 */
export function readTable(file: UploadedSheet, limits: SheetLimits): Promise<TableRow[]> {
  worker ??= start();
  const id = nextId++;
  const job: SheetJob = { id, name: file.originalname, bytes: file.buffer, limits };
  return new Promise<TableRow[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Held while a read is pending, let go when none is (an idle thread keeps no process alive).
    worker!.ref();
    worker!.postMessage(job);
  });
}

/** The running sheet thread, if any: the fault test stops it in the middle of a read. */
export function currentSheetThread(): Worker | null {
  return worker;
}
