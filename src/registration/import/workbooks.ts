import ExcelJS from 'exceljs';
import { glossaryTerm, type GlossarySection } from '../../common/i18n/glossary';
import { protectTextCells } from '../../common/sheets/excel-text';
import { QUALIFICATION_LABELS } from '../../domain/qualification';
import { EntryResponse } from '../dto/entry.dto';
import { COLUMNS } from './sheet-format';

/** The glossary's word, as the console shows it. */
const zh = (section: GlossarySection, key: string) => glossaryTerm(section, key, 'zh-CN');

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  protectTextCells(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function styleHeader(sheet: ExcelJS.Worksheet): void {
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The registration template: zh-CN headers, one example row, and a sheet that explains the columns. */
export async function registrationTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('报名表');
  sheet.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, c.header.length * 2 + 4),
  }));
  sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, c.example])));
  styleHeader(sheet);
  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列', width: 20 },
    { header: '说明', width: 80 },
  ];
  help.addRows([
    ['赛项(职业/工种)', '与本届赛项的职业(工种)名称一致,例如 数控车工'],
    ['组别', '职工组 或 学生组'],
    ['身份证号', '18位居民身份证号码,末位可为X;出生日期与性别由号码推出'],
    [
      '现职业资格等级',
      Object.values(QUALIFICATION_LABELS)
        .map((l) => (l.grade ? `${l.zh}(${l.grade})` : l.zh))
        .join('、'),
    ],
    ['已获称号', '多个称号用顿号(、)分隔'],
    ['团队号', '双人/三人赛项同队选手填写相同的团队号'],
    ['注意', '单元格请填写数值,不要使用公式;表头请勿修改'],
  ]);
  styleHeader(help);
  return toBuffer(workbook);
}

/** Entry list of an edition (filtered by event or unit) for organizers. */
export async function entriesWorkbook(
  entries: EntryResponse[],
  eventNames: Map<number, string>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('报名名单');
  sheet.columns = [
    { header: '报名号', key: 'entryNo', width: 14 },
    { header: '赛项', key: 'event', width: 22 },
    { header: '组别', key: 'group', width: 8 },
    { header: '团队号', key: 'teamNo', width: 8 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '性别', key: 'gender', width: 6 },
    { header: '身份证号', key: 'idNumber', width: 22 },
    { header: '手机号', key: 'phone', width: 14 },
    { header: '工作单位/学校', key: 'employer', width: 26 },
    { header: '推荐单位', key: 'unit', width: 26 },
    { header: '现职业资格等级', key: 'level', width: 14 },
    { header: '审核状态', key: 'status', width: 10 },
    { header: '审核意见', key: 'reason', width: 20 },
    { header: '工位号', key: 'workstationNo', width: 8 },
    { header: '检录', key: 'checkIn', width: 8 },
  ];
  for (const e of entries) {
    const c = e.contestant;
    sheet.addRow({
      entryNo: e.entryNo,
      event: eventNames.get(e.eventId) ?? String(e.eventId),
      group: zh('groups', e.group),
      teamNo: e.teamNo ?? '',
      name: c?.name ?? '',
      gender: c?.gender === 'female' ? '女' : '男',
      idNumber: c?.idNumber ?? '',
      phone: c?.phone ?? '',
      employer: c?.employer ?? '',
      unit: c?.unitName ?? '',
      level: c?.qualificationLevel ? zh('levels', c.qualificationLevel) : '',
      status: zh('entryStatuses', e.status),
      reason: e.statusReason ?? '',
      workstationNo: e.workstationNo ?? '',
      checkIn: e.checkInStatus
        ? zh('checkInStates', e.checkInStatus) + (e.late ? '（迟到）' : '')
        : zh('checkInStates', 'waiting'),
    });
  }
  styleHeader(sheet);
  return toBuffer(workbook);
}
