import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CHECK_IN_STATUSES, type CheckInStatus } from '../entities/entry.entity';

export class CheckInDto {
  @ApiPropertyOptional({ description: 'Resident ID number read at the door' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  idNumber?: string;

  @ApiPropertyOptional({ example: '2025-03-007' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  entryNo?: string;

  @ApiProperty({ enum: CHECK_IN_STATUSES })
  @IsIn(CHECK_IN_STATUSES)
  status: CheckInStatus;
}

export class DrawDto {
  @ApiPropertyOptional({ description: 'Required for a redraw (chief judge only)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class DecryptDto {
  @ApiProperty({ description: 'The supervisor (监督) present at decryption', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  supervisor: string;
}
