import { AppError } from '../errors/app-error';

/** What a sheet may hold; reading stops at the first one passed. */
export interface SheetLimits {
  /** Rows including the header row. */
  rows: number;
  /** The highest column a row may use. */
  columns: number;
  /** Non-empty cells in the whole sheet. */
  cells: number;
  /** Bytes of XML (all zip entries, inflated) or of CSV text. */
  bytes: number;
}

export type SheetLimit = keyof SheetLimits | 'entries';

/** Zip entries an .xlsx may have (a workbook from Excel has about a dozen). */
export const MAX_ZIP_ENTRIES = 200;

/**
 * A registration sheet of 5,000 rows × 12 columns written by Excel or WPS inflates to about
 * 3 MB (60,000 cells); an exam system's export of 5,000 candidates with 20 columns to about 6 MB.
 */
export const DEFAULT_SHEET_LIMITS: SheetLimits = {
  rows: 5001,
  columns: 100,
  cells: 100_000,
  bytes: 10 * 1024 * 1024,
};

export function sheetTooLarge(limit: SheetLimit, max: number): AppError {
  return new AppError(413, 'SHEET_TOO_LARGE', `The sheet is beyond its limit of ${max} ${limit}.`, {
    limit,
    max,
  });
}
