import { badRequest } from '../../common/errors/app-error';
import { DEFAULT_SHEET_LIMITS, SheetLimits } from '../../common/sheets/sheet-limits';
import { TableRow, UploadedSheet } from '../../common/sheets/sheet-table';
import { readTable } from '../../common/sheets/sheet-thread';
import { COLUMNS, ColumnKey, headerKey, RawRow, RowError } from './sheet-format';

export interface SheetRows {
  rows: { row: number; raw: RawRow }[];
  /** Cell-level problems found while reading (formulas). */
  errors: RowError[];
}

export const MAX_ROWS = 5000;

/** A registration sheet: 5,000 data rows under the header. */
export const REGISTRATION_LIMITS: SheetLimits = { ...DEFAULT_SHEET_LIMITS, rows: MAX_ROWS + 1 };

function mapHeaders(headers: string[]): Map<number, ColumnKey> {
  const keys = new Map<number, ColumnKey>();
  headers.forEach((h, i) => {
    const key = headerKey(h ?? '');
    if (key) {
      keys.set(i, key);
    }
  });
  const missing = COLUMNS.filter((c) => c.required && ![...keys.values()].includes(c.key));
  if (missing.length > 0) {
    throw badRequest(
      'IMPORT_BAD_HEADERS',
      `The sheet lacks the columns ${missing.map((c) => c.header).join(', ')}.`,
      {
        expected: COLUMNS.map((c) => c.header),
        found: headers,
      },
    );
  }
  return keys;
}

/**
 * The registration sheet's rows by column key. Formula cells are reported per cell and read as
 * empty.
 */
export async function readRegistrationSheet(file: UploadedSheet): Promise<SheetRows> {
  const [header, ...body] = await readTable(file, REGISTRATION_LIMITS);
  if (!header) {
    throw badRequest('IMPORT_EMPTY', 'The sheet has no rows.');
  }
  const headers = header.cells.map((h) => h.trim());
  const keys = mapHeaders(headers);
  const errors: RowError[] = [];
  const rows = body
    .filter((r: TableRow) => r.cells.some((c) => c.trim() !== ''))
    .map(({ row, cells, formulas }) => {
      const raw: RawRow = {};
      keys.forEach((key, i) => {
        const text = cells[i] ?? '';
        if (formulas.includes(i)) {
          errors.push({
            row,
            column: headers[i],
            code: 'FORMULA_NOT_ALLOWED',
            message: 'Cells must hold values, not formulas.',
          });
          raw[key] = '';
        } else {
          raw[key] = text;
        }
      });
      return { row, raw };
    });
  if (rows.length === 0) {
    throw badRequest('IMPORT_EMPTY', 'The sheet has no data rows.');
  }
  return { rows, errors };
}
