import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { maskIdNumber } from '../../domain/id-number';
import { maskBirthDate } from '../../domain/personal-data';
import { QUALIFICATION_LEVELS, type QualificationLevel } from '../../domain/qualification';
import { Contestant } from '../entities/contestant.entity';

/** A person as entered on a form or a sheet row; matched to an existing contestant by ID number. */
export class ContestantInput {
  @ApiProperty({
    example: '11010519491231002X',
    description: 'PRC resident ID number (18 characters)',
  })
  @IsString()
  @MaxLength(18)
  idNumber: string;

  @ApiProperty({ example: '王建国', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({
    enum: ['male', 'female'],
    description: 'Cross-checked against the ID number',
  })
  @IsOptional()
  @IsIn(['male', 'female'])
  gender?: 'male' | 'female';

  @ApiPropertyOptional({
    example: '1949-12-31',
    description: 'Cross-checked against the ID number',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  birthDate?: string;

  @ApiPropertyOptional({ example: '13812345678', maxLength: 30 })
  @IsOptional()
  @Matches(/^[0-9+\-\s]{5,30}$/, { message: 'phone must be digits' })
  phone?: string;

  @ApiPropertyOptional({ description: '工作单位或学校', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  employer?: string;

  @ApiProperty({ description: '推荐单位 (created if new)', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  unitName: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  qualificationOccupation?: string;

  @ApiPropertyOptional({ enum: QUALIFICATION_LEVELS })
  @IsOptional()
  @IsIn(QUALIFICATION_LEVELS)
  qualificationLevel?: QualificationLevel;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  certificateNo?: string;

  @ApiPropertyOptional({ type: [String], example: ['无锡市技术能手'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  titlesHeld?: string[];
}

export class ContestantResponse {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'Whole for organizers, masked (3202**********123X) for others' })
  idNumber: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['male', 'female'] }) gender: 'male' | 'female';
  @ApiProperty() birthDate: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) employer: string | null;
  @ApiProperty() unitId: number;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty({ nullable: true, type: String }) qualificationOccupation: string | null;
  @ApiProperty({ nullable: true, enum: QUALIFICATION_LEVELS })
  qualificationLevel: QualificationLevel | null;
  @ApiProperty({ nullable: true, type: String }) certificateNo: string | null;
  @ApiProperty({ type: [String] }) titlesHeld: string[];
}

export function toContestantResponse(c: Contestant, revealId: boolean): ContestantResponse {
  return {
    id: c.id,
    idNumber: revealId ? c.idNumber : maskIdNumber(c.idNumber),
    name: c.name,
    gender: c.gender,
    birthDate: revealId ? c.birthDate : maskBirthDate(c.birthDate),
    phone: revealId ? c.phone : null,
    employer: c.employer,
    unitId: c.unitId,
    unitName: c.unit?.name ?? null,
    qualificationOccupation: c.qualificationOccupation,
    qualificationLevel: c.qualificationLevel,
    certificateNo: revealId ? c.certificateNo : null,
    titlesHeld: c.titlesHeld,
  };
}
