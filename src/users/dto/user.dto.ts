import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '../../domain/competition';

export class CreateUserDto {
  @ApiProperty({
    example: 'judge7',
    description: 'Lower-case letters, digits, dot, dash, underscore.',
  })
  @Matches(/^[a-z0-9._-]{2,64}$/, { message: 'username must be 2-64 of a-z 0-9 . _ -' })
  username: string;

  @ApiProperty({ example: '王建国', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'The unit a judge belongs to (for recusal).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unitName?: string;

  @ApiPropertyOptional({
    description:
      'Role contestant only: the contestant record the account belongs to (one account per record).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  contestantId?: number;

  @ApiProperty({ minLength: 8, maxLength: 200 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unitName?: string;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Link a contestant account to its contestant record; null removes the link.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  contestantId?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 8, maxLength: 200, description: 'Reset the password.' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;
}

export class AccountResponse {
  @ApiProperty()
  id: number;

  @ApiProperty()
  username: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ nullable: true, type: String })
  unitName: string | null;

  @ApiProperty({ nullable: true, type: Number, description: 'The linked contestant record' })
  contestantId: number | null;

  @ApiProperty()
  active: boolean;

  @ApiProperty()
  createdAt: string;
}

export function toAccountResponse(user: {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitName: string | null;
  contestantId: number | null;
  active: boolean;
  createdAt: string;
}): AccountResponse {
  const { id, username, displayName, role, unitName, contestantId, active, createdAt } = user;
  return { id, username, displayName, role, unitName, contestantId, active, createdAt };
}
