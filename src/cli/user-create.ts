import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module';
import { SYSTEM_ACTOR } from '../audit/actor';
import { CreateUserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';

const USAGE =
  'usage: npm run user:create -- --username admin --role admin --name 管理员 --password <8+ chars>\n' +
  '       (the password may come from the USER_PASSWORD environment variable instead)';

/** `npm run user:create`: creates an account (e.g. the first admin) on the configured database. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      name: { type: 'string' },
      unit: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const input = plainToInstance(CreateUserDto, {
    username: values.username,
    role: values.role,
    displayName: values.name ?? values.username,
    unitName: values.unit,
    password: values.password ?? process.env.USER_PASSWORD,
  });
  const errors = validateSync(input);
  if (errors.length > 0) {
    console.error(errors.map((e) => Object.values(e.constraints ?? {}).join('; ')).join('\n'));
    console.error(USAGE);
    process.exit(2);
  }
  // The application context runs the migrations; the demo is not seeded by a tool.
  process.env.DEMO = 'off';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  try {
    const account = await app.get(UsersService).create(SYSTEM_ACTOR, input);
    console.log(`created ${account.role} account "${account.username}" (id ${account.id})`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

void main();
