import { Logger } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { sqliteStatement } from '../database/sql';
import { headIsAuthentic, SignedHead, signHead } from './audit-anchor';

/** The key that signs the head: AUDIT_KEY, or audit.key in the data folder (0600). */
export function loadAuditKey(
  config: AppConfig,
  create: boolean,
): { key: Buffer; created: boolean } | null {
  if (config.AUDIT_KEY) {
    return { key: Buffer.from(config.AUDIT_KEY, 'utf8'), created: false };
  }
  const file = join(dirname(config.DATABASE_PATH), 'audit.key');
  try {
    return { key: Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !create) {
      return null;
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process has just written.
  const fd = openSync(file, 'wx', 0o600);
  writeSync(fd, `${key.toString('hex')}\n`);
  fsyncSync(fd);
  closeSync(fd);
  return { key, created: true };
}

interface Tail {
  seq: number;
  hash: string;
}

/**
 * Keeps the chain's signed head outside the audited table: on SQLite a file beside the
 * database (written just after each commit that appended rows), on PostgreSQL the audit_head
 * table, written by the append itself in the same transaction. A head only ever advances over
 * rows that extend it: a table truncated or rewritten behind the app's back is never signed.
 */
export class AuditHeadStore {
  private readonly logger = new Logger('AuditHead');
  private current: SignedHead | null = null;
  private dirty = false;
  private pendingWrite: SignedHead | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private warned = false;

  constructor(
    private readonly dataSource: DataSource,
    readonly key: Buffer,
  ) {}

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  private get headFile(): string {
    return `${String(this.dataSource.options.database)}.audit-head`;
  }

  private get sqlite(): Database {
    return (this.dataSource.driver as unknown as { databaseConnection: Database })
      .databaseConnection;
  }

  /** The head as stored (not checked: the verifier checks it). */
  async read(manager: EntityManager = this.dataSource.manager): Promise<SignedHead | null> {
    if (this.isPostgres) {
      const [row] = (await manager.query(
        'SELECT "rows", "lastHash", "at", "mac" FROM "audit_head" WHERE "id" = 1',
      )) as { rows: number; lastHash: string; at: string; mac: string }[];
      return row ? { ...row, rows: Number(row.rows) } : null;
    }
    try {
      return JSON.parse(readFileSync(this.headFile, 'utf8')) as SignedHead;
    } catch {
      return null;
    }
  }

  /** At start-up: the stored head, or (a fresh key over an existing chain) an anchor for it. */
  async open(keyCreated: boolean): Promise<void> {
    const head = await this.read();
    const [last] = (await this.dataSource.query(
      'SELECT "seq", "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1',
    )) as Tail[];
    if (head && headIsAuthentic(this.key, head)) {
      this.current = head;
    } else if (!head && (!last || keyCreated)) {
      // A new installation, or the first start of the anchored version over an older chain.
      if (last) {
        this.logger.warn(`anchoring the existing audit chain at ${last.seq} rows`);
      }
      const signed = signHead(
        this.key,
        Number(last?.seq ?? 0),
        last?.hash ?? '0'.repeat(64),
        new Date().toISOString(),
      );
      await this.store(signed);
    } else {
      this.logger.error(
        'the audit chain’s signed head is missing, forged or signed with another AUDIT_KEY; run audit:verify',
      );
    }
  }

  /** PostgreSQL, inside the append's transaction (under the chain's lock). */
  async advanceInTransaction(
    manager: EntityManager,
    previous: Tail | null,
    next: Tail,
  ): Promise<void> {
    const head = await this.read(manager);
    const extends_ =
      head && headIsAuthentic(this.key, head)
        ? head.rows === (previous?.seq ?? 0) && head.lastHash === (previous?.hash ?? head.lastHash)
        : !head && !previous;
    if (!extends_) {
      this.warnOnce();
      return;
    }
    const signed = signHead(this.key, next.seq, next.hash, new Date().toISOString());
    await manager.query(
      'INSERT INTO "audit_head" ("id", "rows", "lastHash", "at", "mac") VALUES (1, $1, $2, $3, $4) ' +
        'ON CONFLICT ("id") DO UPDATE SET "rows" = EXCLUDED."rows", "lastHash" = EXCLUDED."lastHash", "at" = EXCLUDED."at", "mac" = EXCLUDED."mac"',
      [signed.rows, signed.lastHash, signed.at, signed.mac],
    );
  }

  /** SQLite: an audit row was appended in the group being committed. */
  noteAppend(): void {
    this.dirty = true;
  }

  /**
   * SQLite, right after a commit, while no transaction is open: the committed tail, signed if
   * it extends the current head; the file is written a moment later (one write per burst).
   */
  afterCommit(): void {
    if (!this.dirty || this.isPostgres) {
      return;
    }
    this.dirty = false;
    const db = this.sqlite;
    const last = sqliteStatement(
      db,
      'SELECT "seq", "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1',
    ).get() as Tail | undefined;
    const head = this.current;
    if (!last || !head || last.seq === head.rows) {
      return;
    }
    const atHead =
      head.rows === 0
        ? head.lastHash
        : (
            sqliteStatement(db, 'SELECT "hash" FROM "audit_log" WHERE "seq" = $1').get(
              head.rows,
            ) as { hash: string } | undefined
          )?.hash;
    if (last.seq < head.rows || atHead !== head.lastHash) {
      this.warnOnce();
      return;
    }
    this.current = signHead(this.key, last.seq, last.hash, new Date().toISOString());
    this.pendingWrite = this.current;
    this.timer ??= setTimeout(() => this.startWrite(), 50);
  }

  /** Writes the pending head off the event loop (open, write, fsync, rename: ~2 ms of I/O). */
  private startWrite(): void {
    this.timer = null;
    if (this.writing) {
      // One write at a time: the pending head follows when this one is down.
      this.timer = setTimeout(() => this.startWrite(), 50);
      return;
    }
    const head = this.pendingWrite;
    if (!head) {
      return;
    }
    this.pendingWrite = null;
    this.writing = this.writeFileAsync(head)
      .catch((error: unknown) => this.writeFailed(error))
      .finally(() => {
        this.writing = null;
      });
  }

  /** On shutdown: waits for a write under way, then writes what is still pending. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.writing;
    const head = this.pendingWrite;
    if (!head) {
      return;
    }
    this.pendingWrite = null;
    try {
      this.writeFile(head);
    } catch (error) {
      this.writeFailed(error);
    }
  }

  /** A full disk: the head stays behind the table (allowed), and catches up on the next commit. */
  private writeFailed(error: unknown): void {
    this.logger.error(`could not write the audit head: ${String(error)}`);
    this.dirty = true;
  }

  private async store(head: SignedHead): Promise<void> {
    this.current = head;
    if (this.isPostgres) {
      await this.dataSource.transaction((m) =>
        m.query(
          'INSERT INTO "audit_head" ("id", "rows", "lastHash", "at", "mac") VALUES (1, $1, $2, $3, $4) ON CONFLICT ("id") DO NOTHING',
          [head.rows, head.lastHash, head.at, head.mac],
        ),
      );
    } else {
      this.writeFile(head);
    }
  }

  private async writeFileAsync(head: SignedHead): Promise<void> {
    const tmp = `${this.headFile}.tmp`;
    const file = await open(tmp, 'w', 0o600);
    try {
      await file.writeFile(JSON.stringify(head));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, this.headFile);
  }

  private writeFile(head: SignedHead): void {
    const tmp = `${this.headFile}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(head));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.headFile);
  }

  private warnOnce(): void {
    if (!this.warned) {
      this.warned = true;
      this.logger.error('the audit table does not extend its signed head; the head is not moved');
    }
  }
}
