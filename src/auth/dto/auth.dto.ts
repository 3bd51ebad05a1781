import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../domain/competition';
import type { AuthUser } from '../auth-user';

export class LoginDto {
  @ApiProperty({ example: 'organizer', maxLength: 64 })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'demo2025', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token returned by login or the previous refresh.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 8, maxLength: 200 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  newPassword: string;
}

export class UserResponse implements AuthUser {
  @ApiProperty()
  id: number;

  @ApiProperty()
  username: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ nullable: true, type: String })
  unitName: string | null;
}

export class SessionResponse {
  @ApiProperty({ description: 'Bearer token for the Authorization header; short-lived.' })
  accessToken: string;

  @ApiProperty({ description: 'Exchange at /api/auth/refresh for a new pair; single use.' })
  refreshToken: string;

  @ApiProperty({ description: 'Lifetime of the access token in seconds.' })
  expiresIn: number;

  @ApiProperty({ type: UserResponse })
  user: UserResponse;
}
