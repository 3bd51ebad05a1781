import type ExcelJS from 'exceljs';

/** What Excel (and LibreOffice, WPS) start a formula with, tab and CR included (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text as Excel must show it: one that a spreadsheet would run as a formula gets the quote
 * prefix ('), so that a name or unit like =HYPERLINK(…) typed into the form stays text even when
 * the list is edited, saved as CSV and opened again.
 */
export function asExcelText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse, for sheets read back (a scheme exported, edited and uploaded again). */
export function fromExcelText(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** Every text cell of every sheet through asExcelText: call it last, before writing the book. */
export function protectTextCells(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') {
          cell.value = asExcelText(cell.value);
        }
      }),
    ),
  );
}
