import ExcelJS from 'exceljs';
import { badRequest } from '../common/errors/app-error';
import { parseCsv } from '../registration/import/sheet-reader';

export interface TheorySheetRow {
  row: number;
  checkInCode: string;
  score: number;
}

export interface SheetError {
  row: number;
  column: string;
  code: string;
  message: string;
}

const CODE_HEADER = '检录号';
const SCORE_HEADER = '理论成绩';

/** The exam system's export: one row per candidate, keyed by the first-layer check-in code. */
export async function parseTheorySheet(file: {
  originalname: string;
  buffer: Buffer;
}): Promise<{ rows: TheorySheetRow[]; errors: SheetError[] }> {
  let table: string[][];
  if (/\.csv$/i.test(file.originalname)) {
    table = parseCsv(file.buffer.toString('utf8'));
  } else if (/\.xlsx$/i.test(file.originalname)) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file.buffer as unknown as ArrayBuffer);
    } catch {
      throw badRequest('IMPORT_UNREADABLE', 'The file is not a readable .xlsx workbook.');
    }
    table = [];
    wb.worksheets[0]?.eachRow({ includeEmpty: true }, (row) => {
      table.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) =>
            v === null || v === undefined
              ? ''
              : typeof v === 'object' && v !== null && 'result' in v
                ? String((v as { result: unknown }).result)
                : String(v),
          ),
      );
    });
  } else {
    throw badRequest('IMPORT_FILE_TYPE', 'Upload an .xlsx or .csv file.');
  }
  const [headers = [], ...body] = table;
  const codeAt = headers.findIndex((h) => h.trim() === CODE_HEADER);
  const scoreAt = headers.findIndex((h) => h.trim() === SCORE_HEADER);
  if (codeAt < 0 || scoreAt < 0) {
    throw badRequest(
      'IMPORT_BAD_HEADERS',
      `The sheet needs the columns ${CODE_HEADER} and ${SCORE_HEADER}.`,
    );
  }
  const rows: TheorySheetRow[] = [];
  const errors: SheetError[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    const code = (cells[codeAt] ?? '').trim();
    const text = (cells[scoreAt] ?? '').trim();
    if (code === '' && text === '') {
      return;
    }
    const score = Number(text);
    if (code === '') {
      errors.push({
        row,
        column: CODE_HEADER,
        code: 'REQUIRED',
        message: `${CODE_HEADER} is required.`,
      });
    } else if (
      text === '' ||
      !Number.isFinite(score) ||
      score < 0 ||
      score > 100 ||
      Math.round(score * 100) !== score * 100
    ) {
      errors.push({
        row,
        column: SCORE_HEADER,
        code: 'SCORE_INVALID',
        message: `${SCORE_HEADER} must be 0–100 with at most 2 decimals.`,
      });
    } else {
      rows.push({ row, checkInCode: code, score });
    }
  });
  if (rows.length + errors.length === 0) {
    throw badRequest('IMPORT_EMPTY', 'The sheet has no data rows.');
  }
  return { rows, errors };
}
