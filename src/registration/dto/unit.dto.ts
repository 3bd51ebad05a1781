import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Unit } from '../entities/unit.entity';

export class CreateUnitDto {
  @ApiProperty({ example: '无锡威孚高科技集团股份有限公司', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  contact?: string;

  @ApiPropertyOptional({ maxLength: 30 })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;
}

export class UpdateUnitDto extends PartialType(CreateUnitDto) {}

export class UnitResponse {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) contact: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ description: 'Contestants recommended by the unit' }) contestants: number;
}

export function toUnitResponse(unit: Unit, contestants = 0): UnitResponse {
  return { id: unit.id, name: unit.name, contact: unit.contact, phone: unit.phone, contestants };
}
