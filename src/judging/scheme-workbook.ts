import ExcelJS from 'exceljs';
import { badRequest } from '../common/errors/app-error';
import { protectTextCells } from '../common/sheets/excel-text';
import { DEFAULT_SHEET_LIMITS, SheetLimits } from '../common/sheets/sheet-limits';
import { UploadedSheet } from '../common/sheets/sheet-table';
import { readTable } from '../common/sheets/sheet-thread';
import { AGGREGATIONS, ASPECT_KINDS, PutSchemeDto, SchemeResponse } from './dto/scheme.dto';

/** One row per aspect, zh-CN headers; the same columns are read back on import. */
const COLUMNS = [
  { key: 'moduleCode', header: '模块代码' },
  { key: 'moduleName', header: '模块名称' },
  { key: 'code', header: '评分项代码' },
  { key: 'description', header: '评分项描述' },
  { key: 'kind', header: '类型' },
  { key: 'aggregation', header: '评价方式' },
  { key: 'max', header: '分值' },
  { key: 'step', header: '步长' },
  { key: 'maxSpread', header: '允许分差' },
] as const;

const KIND_ZH: Record<string, string> = {
  measurement: '测量',
  judgement: '评价',
  deduction: '扣分',
};
const AGG_ZH: Record<string, string> = {
  mean: '平均',
  'trimmed-mean': '去高低平均',
  worldskills: '世赛0-3',
};
/** zh-CN label → value, as a Map so that a cell reading "constructor" finds nothing. */
const reverse = (map: Record<string, string>) =>
  new Map(Object.entries(map).map(([k, v]) => [v, k]));

export async function schemeWorkbook(scheme: SchemeResponse): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评分标准');
  ws.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === 'description' ? 36 : 12,
  }));
  for (const m of scheme.modules) {
    for (const a of m.aspects) {
      ws.addRow({
        moduleCode: m.code,
        moduleName: m.name,
        code: a.code,
        description: a.description,
        kind: KIND_ZH[a.kind],
        aggregation: a.aggregation ? AGG_ZH[a.aggregation] : '',
        max: a.max,
        step: a.step ?? '',
        maxSpread: a.maxSpread ?? '',
      });
    }
  }
  ws.getRow(1).font = { bold: true };
  protectTextCells(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A scheme has tens of aspects; a thousand rows is far beyond any real one. */
const SCHEME_LIMITS: SheetLimits = { ...DEFAULT_SHEET_LIMITS, rows: 1001 };

/** Reads the sheet back into the PUT body; the usual validation (DTO and domain) follows. */
export async function parseSchemeWorkbook(file: UploadedSheet): Promise<PutSchemeDto> {
  const [header, ...body] = await readTable(file, SCHEME_LIMITS);
  const headers = (header?.cells ?? []).map((v) => v.trim());
  const missing = COLUMNS.filter((c) => !headers.includes(c.header));
  if (!header || missing.length > 0) {
    throw badRequest(
      'IMPORT_BAD_HEADERS',
      `The sheet lacks the columns ${missing.map((c) => c.header).join(', ')}.`,
    );
  }
  const kinds = reverse(KIND_ZH);
  const aggregations = reverse(AGG_ZH);
  const modules = new Map<string, PutSchemeDto['modules'][number]>();
  for (const row of body.filter((r) => r.cells.some((c) => c.trim() !== ''))) {
    const cell = (key: (typeof COLUMNS)[number]['key']) =>
      (row.cells[headers.indexOf(COLUMNS.find((c) => c.key === key)!.header)] ?? '').trim();
    const num = (key: (typeof COLUMNS)[number]['key']) =>
      cell(key) === '' ? undefined : Number(cell(key));
    const moduleCode = cell('moduleCode');
    const module = modules.get(moduleCode) ?? {
      code: moduleCode,
      name: cell('moduleName'),
      aspects: [],
    };
    const kind = kinds.get(cell('kind')) ?? cell('kind');
    module.aspects.push({
      code: cell('code'),
      description: cell('description'),
      kind: (ASPECT_KINDS as string[]).includes(kind)
        ? (kind as (typeof ASPECT_KINDS)[number])
        : (kind as never),
      aggregation:
        cell('aggregation') === ''
          ? undefined
          : ((aggregations.get(cell('aggregation')) ??
              cell('aggregation')) as (typeof AGGREGATIONS)[number]),
      max: num('max') as number,
      step: num('step'),
      maxSpread: num('maxSpread'),
    });
    modules.set(moduleCode, module);
  }
  return { modules: [...modules.values()] };
}
