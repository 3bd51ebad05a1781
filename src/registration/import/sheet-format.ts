import type { ContestantGroup } from '../../domain/competition';
import type { EligibilityFailure } from '../../domain/eligibility';
import {
  QUALIFICATION_LABELS,
  QUALIFICATION_LEVELS,
  type QualificationLevel,
} from '../../domain/qualification';

/** The columns of the registration sheet, in the order of the downloadable template (zh-CN headers). */
export const COLUMNS = [
  { key: 'occupation', header: '赛项(职业/工种)', required: true, example: '数控车工' },
  { key: 'group', header: '组别', required: true, example: '职工组' },
  { key: 'name', header: '姓名', required: true, example: '王建国' },
  { key: 'idNumber', header: '身份证号', required: true, example: '11010519491231002X' },
  { key: 'phone', header: '手机号', required: false, example: '13812345678' },
  { key: 'employer', header: '工作单位/学校', required: false, example: '无锡威孚高科技集团' },
  { key: 'unitName', header: '推荐单位', required: true, example: '无锡市总工会' },
  {
    key: 'qualificationOccupation',
    header: '现职业资格(职业)',
    required: false,
    example: '数控车工',
  },
  { key: 'qualificationLevel', header: '现职业资格等级', required: false, example: '高级工' },
  { key: 'certificateNo', header: '证书编号', required: false, example: '1732000000301234' },
  { key: 'titlesHeld', header: '已获称号', required: false, example: '无锡市技术能手' },
  { key: 'teamNo', header: '团队号', required: false, example: '' },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export type RawRow = Partial<Record<ColumnKey, string>>;

export interface RowError {
  /** 1-based row number as the sheet shows it (the header is row 1). */
  row: number;
  column: string | null;
  code: string;
  /** The values the message needs; the message is worded per request from code + params. */
  params?: Record<string, unknown>;
  message: string;
}

export interface ParsedRow {
  row: number;
  occupation: string;
  group: ContestantGroup;
  teamNo?: number;
  contestant: {
    idNumber: string;
    name: string;
    phone?: string;
    employer?: string;
    unitName: string;
    qualificationOccupation?: string;
    qualificationLevel?: QualificationLevel;
    certificateNo?: string;
    titlesHeld?: string[];
  };
}

const GROUP_WORDS: Record<string, ContestantGroup> = {
  职工组: 'worker',
  职工: 'worker',
  worker: 'worker',
  学生组: 'student',
  学生: 'student',
  student: 'student',
};

/** 高级工, 三级, 三级/高级工 and senior all name the same level. */
function levelFrom(text: string): QualificationLevel | undefined {
  const t = text.replace(/\s/g, '');
  return QUALIFICATION_LEVELS.find((level) => {
    const { zh, grade } = QUALIFICATION_LABELS[level];
    // 学徒工, 特级技师 and 首席技师 (2022 ladder) have no grade number.
    return (
      t === level ||
      t === zh ||
      (grade !== null &&
        (t === grade ||
          t === `${grade}/${zh}` ||
          t === `${zh}(${grade})` ||
          t === `${zh}（${grade}）`))
    );
  });
}

export function headerKey(header: string): ColumnKey | undefined {
  const h = header.replace(/\s/g, '');
  return COLUMNS.find((c) => c.header === h)?.key;
}

/** Turns one raw row into an entry, or the list of what is wrong with it, column by column. */
export function parseRow(
  row: number,
  raw: RawRow,
): { ok: true; value: ParsedRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const col = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)!.header;
  const value = (key: ColumnKey) => (raw[key] ?? '').trim();
  for (const c of COLUMNS) {
    if (c.required && value(c.key) === '') {
      errors.push({
        row,
        column: c.header,
        code: 'REQUIRED',
        params: { column: c.header },
        message: `${c.header} is required.`,
      });
    }
    if (value(c.key).length > 200) {
      errors.push({
        row,
        column: c.header,
        code: 'TOO_LONG',
        params: { column: c.header },
        message: `${c.header} is longer than 200 characters.`,
      });
    }
  }
  const group = GROUP_WORDS[value('group')];
  if (value('group') !== '' && !group) {
    errors.push({
      row,
      column: col('group'),
      code: 'GROUP_UNKNOWN',
      message: `组别 must be one of 职工组, 学生组.`,
    });
  }
  const level =
    value('qualificationLevel') === '' ? undefined : levelFrom(value('qualificationLevel'));
  if (value('qualificationLevel') !== '' && !level) {
    errors.push({
      row,
      column: col('qualificationLevel'),
      code: 'LEVEL_UNKNOWN',
      params: { value: value('qualificationLevel') },
      message: `Unknown level ${value('qualificationLevel')}.`,
    });
  }
  const teamText = value('teamNo');
  const teamNo = teamText === '' ? undefined : Number(teamText);
  if (teamNo !== undefined && (!Number.isInteger(teamNo) || teamNo < 1 || teamNo > 9999)) {
    errors.push({
      row,
      column: col('teamNo'),
      code: 'TEAM_NO_INVALID',
      message: '团队号 must be a whole number 1–9999.',
    });
  }
  if (errors.length > 0 || !group) {
    return { ok: false, errors };
  }
  const optional = (key: ColumnKey) => (value(key) === '' ? undefined : value(key));
  return {
    ok: true,
    value: {
      row,
      occupation: value('occupation'),
      group,
      teamNo,
      contestant: {
        idNumber: value('idNumber').toUpperCase(),
        name: value('name'),
        phone: optional('phone'),
        employer: optional('employer'),
        unitName: value('unitName'),
        qualificationOccupation: optional('qualificationOccupation'),
        qualificationLevel: level,
        certificateNo: optional('certificateNo'),
        titlesHeld:
          value('titlesHeld') === ''
            ? undefined
            : value('titlesHeld')
                .split(/[、,，;；]/)
                .map((s) => s.trim())
                .filter(Boolean),
      },
    },
  };
}

/** Field of the submit DTO → the sheet column it came from. */
export const COLUMN_OF_FIELD: Record<string, string> = {
  eventId: '赛项(职业/工种)',
  group: '组别',
  teamNo: '团队号',
  'contestant.idNumber': '身份证号',
  idNumber: '身份证号',
  'contestant.name': '姓名',
  'contestant.phone': '手机号',
  'contestant.employer': '工作单位/学校',
  'contestant.unitName': '推荐单位',
  'contestant.qualificationOccupation': '现职业资格(职业)',
  'contestant.qualificationLevel': '现职业资格等级',
  'contestant.certificateNo': '证书编号',
  'contestant.titlesHeld': '已获称号',
  gender: '身份证号',
  birthDate: '身份证号',
};

/** Eligibility rule → the column that holds what failed it. */
export const COLUMN_OF_RULE: Record<EligibilityFailure['rule'], string> = {
  group: '组别',
  age: '身份证号',
  level: '现职业资格等级',
  title: '已获称号',
  'one-per-edition': '身份证号',
  'team-size': '团队号',
};
