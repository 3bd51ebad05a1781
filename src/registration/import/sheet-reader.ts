import ExcelJS from 'exceljs';
import { badRequest } from '../../common/errors/app-error';
import { COLUMNS, ColumnKey, headerKey, RawRow, RowError } from './sheet-format';

export interface SheetRows {
  rows: { row: number; raw: RawRow }[];
  /** Cell-level problems found while reading (formulas). */
  errors: RowError[];
}

export const MAX_ROWS = 5000;

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; a UTF-8 BOM is ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') {
        i += 1;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value) {
      return value.richText.map((r) => r.text).join('');
    }
    if ('text' in value) {
      return String(value.text);
    }
    return '';
  }
  return String(value);
}

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

function collect(
  table: { row: number; cells: string[] }[],
  keys: Map<number, ColumnKey>,
): { row: number; raw: RawRow }[] {
  const rows = table
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map(({ row, cells }) => {
      const raw: RawRow = {};
      keys.forEach((key, i) => (raw[key] = cells[i] ?? ''));
      return { row, raw };
    });
  if (rows.length === 0) {
    throw badRequest('IMPORT_EMPTY', 'The sheet has no data rows.');
  }
  if (rows.length > MAX_ROWS) {
    throw badRequest('IMPORT_TOO_MANY_ROWS', `At most ${MAX_ROWS} rows per import.`);
  }
  return rows;
}

export function readCsv(buffer: Buffer): SheetRows {
  const [headers = [], ...rest] = parseCsv(buffer.toString('utf8'));
  const keys = mapHeaders(headers);
  const errors: RowError[] = [];
  rest.forEach((cells, i) =>
    cells.forEach((cell, c) => {
      if (/^[=+@]/.test(cell.trim()) && keys.has(c)) {
        errors.push({
          row: i + 2,
          column: headers[c],
          code: 'FORMULA_NOT_ALLOWED',
          message: 'Cells must hold values, not formulas.',
        });
      }
    }),
  );
  return {
    rows: collect(
      rest.map((cells, i) => ({ row: i + 2, cells })),
      keys,
    ),
    errors,
  };
}

export async function readXlsx(buffer: Buffer): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw badRequest('IMPORT_UNREADABLE', 'The file is not a readable .xlsx workbook.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) {
    throw badRequest('IMPORT_EMPTY', 'The workbook has no rows.');
  }
  if (sheet.rowCount > MAX_ROWS + 1) {
    throw badRequest('IMPORT_TOO_MANY_ROWS', `At most ${MAX_ROWS} rows per import.`);
  }
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell(
    { includeEmpty: true },
    (cell, col) => (headers[col - 1] = cellText(cell.value).trim()),
  );
  const keys = mapHeaders(headers);
  const errors: RowError[] = [];
  const table: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) {
      return;
    }
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (cell.type === ExcelJS.ValueType.Formula && keys.has(col - 1)) {
        errors.push({
          row: rowNumber,
          column: headers[col - 1],
          code: 'FORMULA_NOT_ALLOWED',
          message: 'Cells must hold values, not formulas.',
        });
      }
      cells[col - 1] = cellText(cell.type === ExcelJS.ValueType.Formula ? null : cell.value);
    });
    table.push({ row: rowNumber, cells });
  });
  return { rows: collect(table, keys), errors };
}
