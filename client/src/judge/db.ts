/**
 * A small promise wrapper over the raw IndexedDB API: the tablet keeps every mark (and the last
 * task list) here first, so a reload or a restart without network loses nothing.
 */
import type { JudgeTask } from '../api/contracts';

const DB_NAME = 'wuxi-judge';
const DB_VERSION = 1;
const MARKS = 'marks';
const TASKS = 'tasks';

export type MarkState = 'pending' | 'synced' | 'conflict' | 'error';

/** One cell of a judge's sheet as the tablet knows it. */
export interface LocalMark {
  /** `${userId}:${aspectId}:${workpieceCode}` */
  key: string;
  userId: number;
  moduleId: number;
  aspectId: number;
  workpieceCode: string;
  value: number;
  /** The id of this write; every resend reuses it (the server dedupes by it). */
  clientId: string;
  state: MarkState;
  /** The server's mark, once known. */
  serverId?: string;
  version?: number;
  /** For an edit of a synced mark: the version being replaced. */
  baseVersion?: number;
  /** True once the write has left the tablet at least once (a later edit needs a new id). */
  sent?: boolean;
  error?: { code: string; message: string };
  /** The server's current mark after MARK_EXISTS / VERSION_CONFLICT. */
  current?: { id: string; value: number; version: number };
  updatedAt: string;
}

export interface TaskSnapshot {
  userId: number;
  tasks: JudgeTask[];
  fetchedAt: string;
}

export function markKey(userId: number, aspectId: number, workpieceCode: string): string {
  return `${userId}:${aspectId}:${workpieceCode}`;
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(MARKS)) {
        db.createObjectStore(MARKS, { keyPath: 'key' }).createIndex('userId', 'userId');
      }
      if (!db.objectStoreNames.contains(TASKS)) {
        db.createObjectStore(TASKS, { keyPath: 'userId' });
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('IndexedDB open failed'));
    };
  });
  return opening;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function store(name: string, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await open()).transaction(name, mode).objectStore(name);
}

export const judgeDb = {
  async marksOf(userId: number): Promise<LocalMark[]> {
    const index = (await store(MARKS, 'readonly')).index('userId');
    return done(index.getAll(IDBKeyRange.only(userId))) as Promise<LocalMark[]>;
  },
  async putMarks(marks: LocalMark[]): Promise<void> {
    const tx = (await open()).transaction(MARKS, 'readwrite');
    const os = tx.objectStore(MARKS);
    for (const mark of marks) {
      // Plain copies: Vue proxies cannot be cloned into IndexedDB.
      os.put(JSON.parse(JSON.stringify(mark)) as LocalMark);
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
    });
  },
  async tasksOf(userId: number): Promise<TaskSnapshot | undefined> {
    return done((await store(TASKS, 'readonly')).get(userId)) as Promise<TaskSnapshot | undefined>;
  },
  async putTasks(snapshot: TaskSnapshot): Promise<void> {
    const os = await store(TASKS, 'readwrite');
    await done(os.put(JSON.parse(JSON.stringify(snapshot)) as TaskSnapshot));
  },
};
