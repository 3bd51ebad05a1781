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

/**
 * The supervisor (监督仲裁) confirms decryption with their own account, signing in on the chief
 * judge's screen: a typed name would let anyone stand for them.
 */
export class DecryptDto {
  @ApiProperty({ description: "The supervisor's username", maxLength: 64 })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  supervisorUsername: string;

  @ApiProperty({ description: "The supervisor's password (checked, never stored)", maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  supervisorPassword: string;
}

export class DecryptPerson {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
}

export class DecryptResponse {
  @ApiProperty() decryptedAt: string;
  @ApiProperty({ type: DecryptPerson, description: 'The chief judge who opened decryption' })
  chief: DecryptPerson;
  @ApiProperty({ type: DecryptPerson, description: 'The supervisor who confirmed it' })
  supervisor: DecryptPerson;
}
