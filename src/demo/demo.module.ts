import { Module } from '@nestjs/common';
import { EditionsModule } from '../editions/editions.module';
import { UsersModule } from '../users/users.module';
import { DemoSeeder } from './demo.seeder';

@Module({ imports: [UsersModule, EditionsModule], providers: [DemoSeeder] })
export class DemoModule {}
