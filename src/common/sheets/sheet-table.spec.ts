import ExcelJS from 'exceljs';
import { DEFAULT_SHEET_LIMITS } from './sheet-limits';
import { readTable } from './sheet-table';

describe('readTable', () => {
  it('reads 5,000 Chinese names back unchanged (no character split between stream chunks)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('报名表');
    ws.addRow(['姓名', '单位']);
    const names = Array.from({ length: 5000 }, (_, i) => [`选手${i}号`, `无锡单位${i % 97}`]);
    names.forEach((row) => ws.addRow(row));
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const table = await readTable({ originalname: 'a.xlsx', buffer }, DEFAULT_SHEET_LIMITS);
    expect(table.slice(1).map((r) => r.cells)).toEqual(names);
  }, 60_000);

  it.each([
    ['not a zip', Buffer.from('not a zip at all, really not'), 'IMPORT_UNREADABLE'],
    [
      'a zip signature and noise',
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40)]),
      'IMPORT_UNREADABLE',
    ],
  ])('refuses %s', async (_name, buffer, code) => {
    await expect(
      readTable({ originalname: 'a.xlsx', buffer }, DEFAULT_SHEET_LIMITS),
    ).rejects.toMatchObject({ code });
  });

  it('stops a CSV at the row limit and names it', async () => {
    const buffer = Buffer.from('a,b\n'.repeat(20));
    await expect(
      readTable({ originalname: 'a.csv', buffer }, { ...DEFAULT_SHEET_LIMITS, rows: 10 }),
    ).rejects.toMatchObject({
      status: 413,
      code: 'SHEET_TOO_LARGE',
      details: { limit: 'rows', max: 10 },
    });
  });
});
