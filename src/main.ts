import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { playDemoDayIfSeeded } from './demo/demo-day.start';
import { DemoSeeder } from './demo/demo.seeder';

async function bootstrap(): Promise<void> {
  try {
    loadConfig();
  } catch (error) {
    // Fail fast, naming every bad setting, before anything opens.
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    abortOnError: false,
  }).catch((error: unknown) => {
    // A bad policy file or an unreachable database: say what, and stop.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
  await configureApp(app);
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  await playDemoDayIfSeeded(app);
  const url = `http://localhost:${config.PORT}`;
  const logger = new Logger('Ready');
  logger.log(`Wuxi Skills Elite Competition is running on ${config.databaseType}`);
  logger.log(`Console ${url}/admin · Judge ${url}/judge · Live board ${url}/live`);
  logger.log(`API docs ${url}/api/docs · Health ${url}/api/health`);
  if (app.get(DemoSeeder).seeded) {
    logger.log(
      'Demo accounts: organizer, admin, chief, encryptor, judge1, judge2, supervisor, contestant — password "demo2025"',
    );
  }
}

void bootstrap();
