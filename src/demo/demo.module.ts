import { Module } from '@nestjs/common';
import { EditionsModule } from '../editions/editions.module';
import { RegistrationModule } from '../registration/registration.module';
import { UsersModule } from '../users/users.module';
import { DemoSeeder } from './demo.seeder';

@Module({ imports: [UsersModule, EditionsModule, RegistrationModule], providers: [DemoSeeder] })
export class DemoModule {}
