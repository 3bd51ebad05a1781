import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { EventResponse } from '../../editions/dto/event.dto';
import { EventRulesDto } from '../../editions/dto/event-rules.dto';

export class ChangeRulesDto {
  @ApiProperty({
    type: EventRulesDto,
    description: 'The whole rule set; left-out fields take the defaults',
  })
  @ValidateNested()
  @Type(() => EventRulesDto)
  rules: EventRulesDto;

  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Required once results are computed (the chief judge), kept in the audit log',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RulesChangeResponseDto {
  @ApiProperty({ type: EventResponse })
  event: EventResponse;

  @ApiProperty({ nullable: true, description: 'The recomputed results, when there were results' })
  results: unknown;
}
