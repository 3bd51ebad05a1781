import { INestApplication, Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { playDemoDay } from './demo-day';
import { DemoSeeder } from './demo.seeder';

/** DEMO=day on a database seeded just now: play the day through the server's own API. */
export async function playDemoDayIfSeeded(app: INestApplication): Promise<void> {
  const day = app.get(DemoSeeder).day;
  if (!day) {
    return;
  }
  const address = app.getHttpServer().address() as AddressInfo;
  try {
    await playDemoDay(`http://127.0.0.1:${address.port}`, day.editionId, day.eventIds);
  } catch (error) {
    // The server itself is fine: say what the demo day could not do, and keep serving.
    new Logger('Seed').error(error instanceof Error ? error.message : String(error));
  }
}
