import ExcelJS from 'exceljs';
import { DEFAULT_SHEET_LIMITS } from './sheet-limits';
import { readTable } from './sheet-thread';

describe('the streaming sheet reader keeps every character', () => {
  it('reads names and units with characters outside the basic plane (𠮷, 𩸽) whole, at any chunk boundary', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('报名表');
    ws.addRow(['姓名', '单位']);
    for (let i = 0; i < 3000; i++) {
      ws.addRow([`选手𠮷${i}`, `𠮷野家${i}号𩸽`]);
    }
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const rows = await readTable({ originalname: 'a.xlsx', buffer } as never, DEFAULT_SHEET_LIMITS);
    expect(rows).toHaveLength(3001);
    const broken = rows.filter((r) => r.cells.join('').includes('\uFFFD'));
    expect(broken.map((r) => r.row)).toEqual([]);
    expect(rows[2999].cells).toEqual(['选手𠮷2998', '𠮷野家2998号𩸽']);
  });
});
