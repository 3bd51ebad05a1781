import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AdminGateway } from './admin.gateway';

@Module({ imports: [AuthModule], providers: [AdminGateway] })
export class LiveModule {}
