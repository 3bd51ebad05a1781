import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { User } from '../auth/entities/user.entity';
import { ContestantAccountsController } from './contestant-accounts.controller';
import { ContestantAccountsService } from './contestant-accounts.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), AuthModule],
  controllers: [UsersController, ContestantAccountsController],
  providers: [UsersService, ContestantAccountsService],
  exports: [UsersService],
})
export class UsersModule {}
