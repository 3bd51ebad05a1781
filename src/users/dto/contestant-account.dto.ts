import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { AccountResponse } from './user.dto';

export class CreateContestantAccountDto {
  @ApiPropertyOptional({
    example: 'c0017',
    description:
      'Lower-case letters, digits, dot, dash, underscore; c + the contestant id if absent.',
  })
  @IsOptional()
  @Matches(/^[a-z0-9._-]{2,64}$/, { message: 'username must be 2-64 of a-z 0-9 . _ -' })
  username?: string;
}

export class ContestantAccountResponse extends AccountResponse {
  @ApiProperty({
    description: 'Generated password, shown this once: hand it to the contestant. Not stored.',
  })
  password: string;
}
