import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  DEFAULT_EVENT_RULES,
  RulesError,
  TIE_OUTCOMES,
  type EventRuleSet,
  type TieOutcome,
} from '../../domain/event-rules';
import {
  BOUNDARY_TIES,
  MINIMUM_FIELD_FORMS,
  ROUNDINGS,
  type BoundaryTie,
  type MinimumField,
  type Rounding,
} from '../../domain/prizes';
import type { TieBreak } from '../../domain/ranking';

/*
 * The event's rules as the API takes them (section "奖项与排名" of the console). These classes
 * check shapes only; what the values mean (sums, ranges, modules of the scheme) is checked by
 * validateEventRules in src/domain, which answers with a stable RULES_* code.
 */

const QUOTA_KINDS = ['fixed', 'percent'] as const;
const HONOURABLE_KINDS = ['count', 'share'] as const;

export class QuotaDto {
  @ApiProperty({
    enum: QUOTA_KINDS,
    description: 'Fixed counts, or percentages of those who competed',
  })
  @IsIn(QUOTA_KINDS)
  kind: (typeof QUOTA_KINDS)[number];

  @ApiPropertyOptional({
    type: [Number],
    example: [1, 4, 3],
    description: '1st / 2nd / 3rd prize counts (kind fixed)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(3)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  counts?: number[];

  @ApiPropertyOptional({
    type: [Number],
    example: [10, 20, 30],
    description: 'Per prize, of those who competed; at most 100 in all (kind percent)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(3)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  percents?: number[];

  @ApiPropertyOptional({ enum: ROUNDINGS, default: 'half-up' })
  @IsOptional()
  @IsIn(ROUNDINGS)
  rounding?: Rounding;

  @ApiPropertyOptional({
    default: false,
    description: 'At least one of each prize with a positive share, where anyone competed',
  })
  @IsOptional()
  @IsBoolean()
  minimumOne?: boolean;
}

export class HonourableDto {
  @ApiProperty({
    enum: HONOURABLE_KINDS,
    description: '优胜奖 as a number of people or down to a share of the field',
  })
  @IsIn(HONOURABLE_KINDS)
  kind: (typeof HONOURABLE_KINDS)[number];

  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  count?: number;

  @ApiPropertyOptional({ example: 66.67, description: 'Cumulative: prizes and 优胜奖 together' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  percent?: number;
}

export class FloorDto {
  @ApiPropertyOptional({ example: 60, description: 'No prize below this total' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  total?: number;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  theory?: number;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  practical?: number;
}

export class MinimumFieldDto {
  @ApiProperty({ example: 30, description: 'With fewer competitors than this…' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  competitors: number;

  @ApiProperty({ enum: MINIMUM_FIELD_FORMS, description: '…no prize, or no first prize' })
  @IsIn(MINIMUM_FIELD_FORMS)
  form: MinimumField['form'];
}

export class PastWinnersDto {
  @ApiProperty({
    example: 2,
    description: 'Prize-winners of this occupation in the last N editions take no prize',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  editions: number;
}

export class TieBreakDto {
  @ApiProperty({
    type: [String],
    example: ['practical', 'time', 'theory'],
    description:
      'After the total, in order: practical, time, theory, or module:<code> of the scheme',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  chain: string[];

  @ApiProperty({
    enum: TIE_OUTCOMES,
    description: 'Rows still equal: share a rank, or a strict order',
  })
  @IsIn(TIE_OUTCOMES)
  then: TieOutcome;
}

/** Every field may be left out: it then takes the docs/domain.md default. */
export class EventRulesDto {
  @ApiPropertyOptional({ type: QuotaDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuotaDto)
  quota?: QuotaDto;

  @ApiPropertyOptional({ type: HonourableDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => HonourableDto)
  honourable?: HonourableDto | null;

  @ApiPropertyOptional({
    enum: BOUNDARY_TIES,
    default: 'higher',
    description:
      'A tie across a prize boundary: the higher prize for all, or strictly by the count',
  })
  @IsOptional()
  @IsIn(BOUNDARY_TIES)
  boundaryTie?: BoundaryTie;

  @ApiPropertyOptional({ type: FloorDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => FloorDto)
  floor?: FloorDto | null;

  @ApiPropertyOptional({ type: MinimumFieldDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MinimumFieldDto)
  minimumField?: MinimumFieldDto | null;

  @ApiPropertyOptional({ type: PastWinnersDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PastWinnersDto)
  pastWinners?: PastWinnersDto | null;

  @ApiPropertyOptional({ type: TieBreakDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TieBreakDto)
  tieBreak?: TieBreakDto;
}

/** The stored rule set from what the client sent, defaults filled in; shapes the domain checks. */
export function toEventRuleSet(dto: EventRulesDto): EventRuleSet {
  const d = DEFAULT_EVENT_RULES;
  return {
    quota: dto.quota ? toQuota(dto.quota) : d.quota,
    honourable: dto.honourable ? toHonourable(dto.honourable) : null,
    boundaryTie: dto.boundaryTie ?? d.boundaryTie,
    floor: dto.floor ? stripUndefined({ ...dto.floor }) : null,
    minimumField: dto.minimumField
      ? { competitors: dto.minimumField.competitors, form: dto.minimumField.form }
      : null,
    pastWinners: dto.pastWinners ? { editions: dto.pastWinners.editions } : null,
    tieBreak: dto.tieBreak
      ? { chain: dto.tieBreak.chain as TieBreak[], then: dto.tieBreak.then }
      : d.tieBreak,
  };
}

function toQuota(q: QuotaDto): EventRuleSet['quota'] {
  if (q.kind === 'fixed' && q.counts) {
    return { kind: 'fixed', counts: q.counts as [number, number, number] };
  }
  if (q.kind === 'percent' && q.percents) {
    return {
      kind: 'percent',
      percents: q.percents as [number, number, number],
      rounding: q.rounding ?? 'half-up',
      ...(q.minimumOne ? { minimumOne: true } : {}),
    };
  }
  throw new RulesError(
    'RULES_QUOTA_INVALID',
    q.kind === 'fixed'
      ? 'A fixed quota needs three counts.'
      : 'A percentage quota needs three percentages.',
    { kind: q.kind },
  );
}

function toHonourable(h: HonourableDto): NonNullable<EventRuleSet['honourable']> {
  if (h.kind === 'count' && h.count !== undefined) {
    return { kind: 'count', count: h.count };
  }
  if (h.kind === 'share' && h.percent !== undefined) {
    return { kind: 'share', percent: h.percent };
  }
  throw new RulesError('RULES_HONOURABLE_INVALID', '优胜奖 needs a count or a share.', {
    kind: h.kind,
  });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
