import { badRequest } from '../common/errors/app-error';
import { DEFAULT_SHEET_LIMITS, SheetLimits } from '../common/sheets/sheet-limits';
import { UploadedSheet } from '../common/sheets/sheet-table';
import { readTable } from '../common/sheets/sheet-thread';

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

/** One row per candidate of the event (the import takes at most 5,000 scores). */
const THEORY_LIMITS: SheetLimits = { ...DEFAULT_SHEET_LIMITS, rows: 5001 };

const CODE_HEADER = '检录号';
const SCORE_HEADER = '理论成绩';

/** The exam system's export: one row per candidate, keyed by the first-layer check-in code. */
export async function parseTheorySheet(
  file: UploadedSheet,
): Promise<{ rows: TheorySheetRow[]; errors: SheetError[] }> {
  const table = (await readTable(file, THEORY_LIMITS)).map((r) => r.cells);
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
