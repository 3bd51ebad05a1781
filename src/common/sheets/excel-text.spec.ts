import ExcelJS from 'exceljs';
import { asExcelText, fromExcelText, protectTextCells } from './excel-text';

describe('asExcelText', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 138', "'+86 138"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['王建国', '王建国'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(asExcelText(text)).toBe(expected);
  });

  it.each(["'=1+1", "'-2", "'@x", '王', "'abc"])('reads %j back', (text) => {
    expect(asExcelText(fromExcelText(text))).toBe(/^'[=\-@]/.test(text) ? text : text);
    expect(fromExcelText(asExcelText('=1+1'))).toBe('=1+1');
  });

  it('rewrites every text cell of every sheet and leaves numbers alone', () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['=1', -5, 'ok']);
    wb.addWorksheet('b').addRow(['@x']);
    protectTextCells(wb);
    expect(wb.worksheets.map((ws) => (ws.getRow(1).values as unknown[]).slice(1))).toEqual([
      ["'=1", -5, 'ok'],
      ["'@x"],
    ]);
  });
});
