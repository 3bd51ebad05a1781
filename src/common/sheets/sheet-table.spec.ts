import ExcelJS from 'exceljs';
import { DEFAULT_SHEET_LIMITS } from './sheet-limits';
import { currentSheetThread, readTable } from './sheet-thread';

async function namesWorkbook(rows: number): Promise<{ buffer: Buffer; names: string[][] }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名表');
  ws.addRow(['姓名', '单位']);
  const names = Array.from({ length: rows }, (_, i) => [`选手${i}号`, `无锡单位${i % 97}`]);
  names.forEach((row) => ws.addRow(row));
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), names };
}

describe('readTable', () => {
  it('reads in a thread of its own: a 10,000-row sheet is read while the API thread is busy', async () => {
    await readTable({ originalname: 'warm.csv', buffer: Buffer.from('a\n') }, DEFAULT_SHEET_LIMITS);
    const { buffer } = await namesWorkbook(10_000);
    const limits = { ...DEFAULT_SHEET_LIMITS, rows: 10_001 };
    const reading = readTable({ originalname: 'a.xlsx', buffer }, limits);
    const busyUntil = performance.now() + 3000;
    while (performance.now() < busyUntil) {
      // the API thread handling other requests
    }
    const freed = performance.now();
    const table = await reading;
    const waited = performance.now() - freed;
    console.log(`10,000-row sheet: ${waited.toFixed(0)} ms left to wait after the loop was freed`);
    expect(table).toHaveLength(10_001);
    // Read on the API's loop, the whole read (0.3 s for 5,000 rows here) would start only now.
    expect(waited).toBeLessThan(250);
  }, 60_000);

  it('refuses the upload whose thread dies mid-read, and reads the next one in a new thread', async () => {
    const { buffer } = await namesWorkbook(10_000);
    const limits = { ...DEFAULT_SHEET_LIMITS, rows: 10_001 };
    const reading = readTable({ originalname: 'a.xlsx', buffer }, limits);
    const thread = currentSheetThread();
    expect(thread).not.toBeNull();
    await thread!.terminate();
    await expect(reading).rejects.toMatchObject({ status: 400, code: 'IMPORT_UNREADABLE' });
    const next = await readTable(
      { originalname: 'b.csv', buffer: Buffer.from('a,b\n1,2\n') },
      limits,
    );
    expect(next.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(currentSheetThread()).not.toBe(thread);
  }, 60_000);

  it('reads 5,000 Chinese names back unchanged (no character split between stream chunks)', async () => {
    const { buffer, names } = await namesWorkbook(5000);
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
