import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
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
  active: boolean;
  createdAt: string;
}): AccountResponse {
  const { id, username, displayName, role, unitName, active, createdAt } = user;
  return { id, username, displayName, role, unitName, active, createdAt };
}
