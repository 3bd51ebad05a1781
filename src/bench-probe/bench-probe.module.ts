import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Roles } from '../auth/decorators';
import { runSql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';

/**
 * Only with BENCH_PROBE=on (never in production): the bare endpoint bench:marks compares mark
 * entry against. It goes through the same stack as POST /api/judge/marks — HTTP, the global
 * guard with a judge's token, body parsing, one transaction with group commit — and does one raw
 * insert, so the ratio isolates what entering a mark costs beyond the floor.
 */
@ApiExcludeController()
@Controller('bench-probe')
class BenchProbeController {
  constructor(private readonly uow: UnitOfWork) {}

  @Post()
  @HttpCode(201)
  @Roles('judge')
  async insert(@Body() body: unknown): Promise<{ ok: true }> {
    await this.uow.run((manager) =>
      runSql(
        manager,
        'INSERT INTO "mark_writes" ("clientId", "judgeId", "requestHash", "response", "createdAt") VALUES ($1, $2, $3, $4, $5)',
        [`probe-${randomUUID()}`, 0, '-', JSON.stringify(body ?? null), new Date().toISOString()],
      ),
    );
    return { ok: true };
  }
}

@Module({ controllers: [BenchProbeController] })
export class BenchProbeModule {}
