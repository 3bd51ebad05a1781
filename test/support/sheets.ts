import ExcelJS from 'exceljs';
import { COLUMNS } from '../../src/registration/import/sheet-format';
import { makeIdNumber } from './factories';

export type SheetRow = Record<string, string | { formula: string }>;

/** A valid row for the registration sheet; the ID number is unique per `n`. */
export function sheetRow(
  n: number,
  occupation: string,
  group = '职工组',
  overrides: SheetRow = {},
): SheetRow {
  return {
    occupation,
    group,
    name: `选手${n}`,
    idNumber: makeIdNumber(
      `19${70 + (n % 30)}-0${1 + (n % 9)}-1${n % 9}`,
      100 + (n % 800),
      n % 2 ? '320211' : '320206',
    ),
    phone: '13900000000',
    employer: `企业${n % 17}`,
    unitName: `推荐单位${n % 11}`,
    qualificationOccupation: occupation,
    qualificationLevel: '高级工',
    certificateNo: `CERT${n}`,
    titlesHeld: '',
    teamNo: '',
    ...overrides,
  };
}

export async function xlsxOf(
  rows: SheetRow[],
  headers: string[] = COLUMNS.map((c) => c.header),
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('报名表');
  sheet.addRow(headers);
  for (const row of rows) {
    sheet.addRow(COLUMNS.map((c) => row[c.key] ?? ''));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function csvOf(rows: SheetRow[]): Buffer {
  const quote = (v: unknown) => `"${String(v).replace(/"/g, '""')}"`;
  const lines = [COLUMNS.map((c) => quote(c.header)).join(',')];
  for (const row of rows) {
    lines.push(COLUMNS.map((c) => quote(row[c.key] ?? '')).join(','));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
