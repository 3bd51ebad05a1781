import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { AppError, badRequest } from '../errors/app-error';
import { csvRows } from './csv';
import { fromExcelText } from './excel-text';
import { SheetLimits, sheetTooLarge } from './sheet-limits';
import { inflateZip, storedPart, ZipPart } from './zip-guard';

export interface TableRow {
  /** The sheet's own row number (1 = the header). */
  row: number;
  /** Cell texts by column (0-based); a formula cell holds its cached result. */
  cells: string[];
  /** Columns (0-based) whose cell is a formula. */
  formulas: number[];
}

export interface UploadedSheet {
  originalname: string;
  buffer: Buffer;
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
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      return result === undefined || result === null ? '' : String(result as string | number);
    }
    if ('text' in value) {
      return String(value.text);
    }
    return '';
  }
  return String(value);
}

/** Counts what is read against the limits; throws SHEET_TOO_LARGE at the first one passed. */
class Budget {
  private rows = 0;
  private cells = 0;

  constructor(private readonly limits: SheetLimits) {}

  row(columns: number, filled: number): void {
    this.rows += 1;
    this.cells += filled;
    if (this.rows > this.limits.rows) {
      throw sheetTooLarge('rows', this.limits.rows);
    }
    if (columns > this.limits.columns) {
      throw sheetTooLarge('columns', this.limits.columns);
    }
    if (this.cells > this.limits.cells) {
      throw sheetTooLarge('cells', this.limits.cells);
    }
  }
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const EMPTY_SST = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/**
 * XML with every non-ASCII character written as a character reference (&#20320;). exceljs's
 * streaming reader decodes each chunk of an entry on its own, so a Chinese character split
 * between two chunks came out as two U+FFFD (we saw 选手984 become 选手98\uFFFD); ASCII cannot
 * be split. SpreadsheetML keeps non-ASCII in text and attribute values only, where a
 * reference means the same character.
 */
function asciiXml(xml: Buffer): Buffer {
  return Buffer.from(
    xml.toString('utf8').replace(/[^\p{ASCII}]/gu, (c) => `&#${c.codePointAt(0)};`),
    'ascii',
  );
}

/**
 * The parts exceljs's streaming reader needs, stored (not deflated, already checked), in the
 * order that lets it parse the worksheet as it streams: given the worksheet before the shared
 * strings (Excel's and exceljs's own order) it copies the whole worksheet to a temporary file
 * first, which stays there until the process exits when the read stops at a limit. A workbook
 * without shared strings gets an empty table.
 */
function streamingOrder(parts: ZipPart[]): Buffer[] {
  const named = (name: string) => parts.filter((p) => p.name === name);
  const sheets = parts
    .filter((p) => SHEET_PART.test(p.name))
    .sort((a, b) => Number(SHEET_PART.exec(a.name)![1]) - Number(SHEET_PART.exec(b.name)![1]));
  const strings = named('xl/sharedStrings.xml');
  return [
    ...named('xl/workbook.xml'),
    ...named('xl/_rels/workbook.xml.rels'),
    ...(strings.length > 0 ? strings : [{ name: 'xl/sharedStrings.xml', bytes: EMPTY_SST }]),
    ...sheets,
  ].map((p) => storedPart(p.name, asciiXml(p.bytes)).bytes);
}

/**
 * 64 KB at a time, as an inflating stream would give them: exceljs parses each chunk in one
 * synchronous step and keeps its events, so one 7 MB chunk stalled the loop for seconds.
 */
function* slices(buffers: Buffer[]): Generator<Buffer> {
  for (const buffer of buffers) {
    for (let at = 0; at < buffer.length; at += 64 * 1024) {
      yield buffer.subarray(at, at + 64 * 1024);
    }
  }
}

/** Lets the sheet thread take its next message between slices of a long read. */
const YIELD_EVERY_ROWS = 100;
const breathe = () => new Promise((resolve) => setImmediate(resolve));

async function xlsxTable(buffer: Buffer, limits: SheetLimits): Promise<TableRow[]> {
  const parts = await inflateZip(buffer, limits.bytes);
  const budget = new Budget(limits);
  const table: TableRow[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from(slices(streamingOrder(parts))),
    {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    },
  );
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        budget.row(row.cellCount, row.actualCellCount);
        const cells: string[] = [];
        const formulas: number[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          cells[col - 1] = fromExcelText(cellText(cell.value));
          if (cell.type === ExcelJS.ValueType.Formula) {
            formulas.push(col - 1);
          }
        });
        table.push({ row: row.number, cells: Array.from(cells, (c) => c ?? ''), formulas });
        if (table.length % YIELD_EVERY_ROWS === 0) {
          await breathe();
        }
      }
      break; // the first worksheet only
    }
  } catch (error) {
    throw error instanceof AppError
      ? error
      : badRequest('IMPORT_UNREADABLE', 'The file is not a readable .xlsx workbook.');
  }
  return table;
}

async function csvTable(buffer: Buffer, limits: SheetLimits): Promise<TableRow[]> {
  if (buffer.length > limits.bytes) {
    throw sheetTooLarge('bytes', limits.bytes);
  }
  const budget = new Budget(limits);
  const table: TableRow[] = [];
  let row = 0;
  for (const cells of csvRows(buffer.toString('utf8'), limits.columns)) {
    row += 1;
    budget.row(cells.length, cells.filter((c) => c !== '').length);
    // Opened in Excel, a CSV cell that starts with = + @ runs as a formula.
    const formulas = cells.flatMap((c, i) => (/^[=+@]/.test(c.trim()) ? [i] : []));
    table.push({ row, cells, formulas });
    if (row % (YIELD_EVERY_ROWS * 10) === 0) {
      await breathe();
    }
  }
  return table;
}

/**
 * The reader of uploaded sheets (.xlsx through exceljs's streaming reader, .csv row by row):
 * rows, columns, cells and bytes are counted while reading and the first limit passed stops it
 * with 413 SHEET_TOO_LARGE, so a zip bomb or a 100,000-row sheet costs what the limits allow.
 * It runs in the sheet thread (sheet-thread.ts `readTable`), not on the API's event loop.
 */
export async function parseTable(file: UploadedSheet, limits: SheetLimits): Promise<TableRow[]> {
  if (/\.csv$/i.test(file.originalname)) {
    return csvTable(file.buffer, limits);
  }
  if (/\.xlsx$/i.test(file.originalname)) {
    return xlsxTable(file.buffer, limits);
  }
  throw new AppError(415, 'IMPORT_FILE_TYPE', 'Upload an .xlsx or .csv file.');
}
