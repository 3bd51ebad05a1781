import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { protectTextCells } from '../common/sheets/excel-text';
import { In } from 'typeorm';
import { notFound } from '../common/errors/app-error';
import { UnitOfWork } from '../database/unit-of-work';
import { QUALIFICATION_LABELS, type QualificationLevel } from '../domain/qualification';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { Contestant } from '../registration/entities/contestant.entity';
import { GrantRow } from './entities/grant.entity';
import { ResultsService } from './results.service';

const PRIZE_ZH: Record<number, string> = { 1: '一等奖', 2: '二等奖', 3: '三等奖' };
const STATUS_ZH = { pending: '待审批', approved: '已审批', paid: '已发放' } as const;
const level = (l: string | null) =>
  l ? (QUALIFICATION_LABELS[l as QualificationLevel]?.zh ?? l) : '';
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface GrantLine {
  grant: GrantRow;
  contestant: Contestant;
  event: CompetitionEvent | null;
}

/** The documents the city files and prints: award list, payout list, upgrade list, certificates, results sheet. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly results: ResultsService,
  ) {}

  private async lines(editionId: number): Promise<{ edition: Edition; lines: GrantLine[] }> {
    const m = this.uow.reader;
    const edition = await m.findOneBy(Edition, { id: editionId });
    if (!edition) {
      throw notFound('EDITION_NOT_FOUND', `No edition with id ${editionId}.`);
    }
    const grants = await m.find(GrantRow, {
      where: { editionId },
      order: { eventId: 'ASC', prize: 'ASC', id: 'ASC' },
    });
    const contestants = new Map(
      (
        await m.find(Contestant, {
          where: { id: In(grants.map((g) => g.contestantId)) },
          relations: { unit: true },
        })
      ).map((c) => [c.id, c]),
    );
    const events = new Map(
      (await m.find(CompetitionEvent, { where: { editionId } })).map((e) => [e.id, e]),
    );
    return {
      edition,
      lines: grants.map((grant) => ({
        grant,
        contestant: contestants.get(grant.contestantId)!,
        event: grant.eventId ? (events.get(grant.eventId) ?? null) : null,
      })),
    };
  }

  private async book(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    for (const ws of wb.worksheets) {
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
    }
    protectTextCells(wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** 获奖名单: every grant with its basis, titles, treatment, upgrade and cash. */
  async awardList(editionId: number): Promise<Buffer> {
    const { lines } = await this.lines(editionId);
    return this.book((wb) => {
      const ws = wb.addWorksheet('获奖名单');
      ws.columns = [
        { header: '赛项', key: 'event', width: 22 },
        { header: '奖项', key: 'prize', width: 10 },
        { header: '姓名', key: 'name', width: 10 },
        { header: '身份证号', key: 'id', width: 22 },
        { header: '推荐单位', key: 'unit', width: 26 },
        { header: '荣誉称号', key: 'titles', width: 30 },
        { header: '市劳模待遇', key: 'treatment', width: 10 },
        { header: '职业资格晋升', key: 'upgrade', width: 22 },
        { header: '奖金(元)', key: 'cash', width: 12 },
        { header: '依据', key: 'basis', width: 18 },
        { header: '状态', key: 'status', width: 10 },
      ];
      for (const { grant, contestant, event } of lines) {
        ws.addRow({
          event: event?.name ?? '配套奖励',
          prize: grant.prize ? PRIZE_ZH[grant.prize] : '',
          name: contestant.name,
          id: contestant.idNumber,
          unit: contestant.unit?.name ?? '',
          titles: grant.titles.join('、'),
          treatment: grant.modelWorkerTreatment ? '是' : '',
          upgrade: grant.upgradeTo
            ? `${level(grant.upgradeFrom)} → ${level(grant.upgradeTo)}`
            : (grant.upgradeNote ?? ''),
          cash: grant.cash,
          basis: grant.clauses.join(', '),
          status: STATUS_ZH[grant.status],
        });
      }
    });
  }

  /** 奖金发放表: cash by recommending unit, with a subtotal per unit and the edition's total. */
  async payoutList(editionId: number): Promise<Buffer> {
    const { lines } = await this.lines(editionId);
    const byUnit = new Map<string, GrantLine[]>();
    for (const line of lines.filter((l) => l.grant.cash > 0)) {
      const unit = line.contestant.unit?.name ?? '';
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), line]);
    }
    return this.book((wb) => {
      const ws = wb.addWorksheet('奖金发放表');
      ws.columns = [
        { header: '推荐单位', key: 'unit', width: 26 },
        { header: '姓名', key: 'name', width: 10 },
        { header: '赛项', key: 'event', width: 22 },
        { header: '奖项', key: 'prize', width: 10 },
        { header: '奖金(元)', key: 'cash', width: 12 },
        { header: '状态', key: 'status', width: 10 },
        { header: '支付凭证', key: 'ref', width: 20 },
      ];
      let total = 0;
      for (const [unit, unitLines] of [...byUnit].sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))) {
        for (const { grant, contestant, event } of unitLines) {
          ws.addRow({
            unit,
            name: contestant.name,
            event: event?.name ?? '配套奖励',
            prize: grant.prize ? PRIZE_ZH[grant.prize] : '',
            cash: grant.cash,
            status: STATUS_ZH[grant.status],
            ref: grant.paymentRef ?? '',
          });
        }
        const subtotal = unitLines.reduce((n, l) => n + l.grant.cash, 0);
        total += subtotal;
        ws.addRow({ unit: `${unit} 小计`, cash: subtotal }).font = { bold: true };
      }
      ws.addRow({ unit: '合计', cash: total }).font = { bold: true };
    });
  }

  /** 职业资格晋升名单 for the certification authority. */
  async upgradeList(editionId: number): Promise<Buffer> {
    const { lines } = await this.lines(editionId);
    return this.book((wb) => {
      const ws = wb.addWorksheet('职业资格晋升名单');
      ws.columns = [
        { header: '姓名', key: 'name', width: 10 },
        { header: '身份证号', key: 'id', width: 22 },
        { header: '职业(工种)', key: 'occupation', width: 16 },
        { header: '原等级', key: 'from', width: 12 },
        { header: '晋升等级', key: 'to', width: 12 },
        { header: '原证书编号', key: 'cert', width: 20 },
        { header: '获奖情况', key: 'prize', width: 24 },
        { header: '说明', key: 'note', width: 20 },
      ];
      for (const { grant, contestant, event } of lines.filter((l) => l.grant.basis === 'prize')) {
        ws.addRow({
          name: contestant.name,
          id: contestant.idNumber,
          occupation: event?.occupation ?? '',
          from: level(grant.upgradeFrom),
          to: level(grant.upgradeTo),
          cert: contestant.certificateNo ?? '',
          prize: `${event?.name ?? ''} ${grant.prize ? PRIZE_ZH[grant.prize] : ''}`,
          note: grant.upgradeTo ? '' : (grant.upgradeNote ?? ''),
        });
      }
    });
  }

  /** A printable certificate (荣誉证书) for one prize grant, zh-CN, A4 landscape. */
  async certificate(grantId: number): Promise<string> {
    const m = this.uow.reader;
    const grant = await m.findOneBy(GrantRow, { id: grantId });
    if (!grant || grant.basis !== 'prize' || grant.eventId === null) {
      throw notFound('CERTIFICATE_NOT_FOUND', `No prize grant with id ${grantId}.`);
    }
    const contestant = await m.findOneByOrFail(Contestant, { id: grant.contestantId });
    const event = await m.findOneByOrFail(CompetitionEvent, { id: grant.eventId });
    const edition = await m.findOneByOrFail(Edition, { id: event.editionId });
    const titles = grant.titles.length > 0 ? `，授予“${grant.titles.join('”“')}”荣誉称号` : '';
    const date = (event.finalAt ?? new Date().toISOString()).slice(0, 10).split('-');
    return page(
      `荣誉证书 ${contestant.name}`,
      `
<main class="certificate">
  <h1>荣 誉 证 书</h1>
  <p class="body"><strong>${escape(contestant.name)}</strong> 同志：</p>
  <p class="body">在${escape(edition.name)}${escape(event.name)}比赛中荣获<strong>${PRIZE_ZH[grant.prize ?? 3]}</strong>${escape(titles)}。</p>
  <p class="body">特发此证，以资鼓励。</p>
  <p class="issuer">无锡技能精英大赛组委会<br>${date[0]}年${Number(date[1])}月${Number(date[2])}日</p>
  <p class="no">证书编号：WX${edition.year}-${String(event.id).padStart(2, '0')}-${String(grant.id).padStart(4, '0')}</p>
</main>`,
      '@page { size: A4 landscape; margin: 0 } .certificate { width: 297mm; height: 210mm; box-sizing: border-box; padding: 28mm 36mm; border: 6mm double #b8860b; } h1 { text-align: center; font-size: 44pt; letter-spacing: 1em; color: #b22222; } .body { font-size: 20pt; line-height: 2; } .issuer { text-align: right; font-size: 18pt; margin-top: 18mm; } .no { font-size: 10pt; color: #666; }',
    );
  }

  /** 成绩单: the official results of an event with signature lines for the chief judge and the supervisor. */
  async resultsSheet(eventId: number): Promise<string> {
    const event = await this.results.findEvent(this.uow.reader, eventId);
    const { rows, status } = await this.results.get(eventId);
    const body = rows
      .map(
        (r) =>
          `<tr><td>${r.rank ?? '—'}</td><td>${escape(r.entryNo)}</td><td>${escape(r.name)}</td><td>${escape(r.unitName)}</td><td>${r.total ?? '缺考'}</td><td>${r.prize ? PRIZE_ZH[r.prize] : ''}</td></tr>`,
      )
      .join('\n');
    return page(
      `${event.name} 成绩单`,
      `
<h1>${escape(event.name)} 成绩单</h1>
<p>状态：${{ none: '未计算', provisional: '初步成绩', published: '公示中', final: '最终成绩' }[status]} 理论 ${event.theoryWeight}% ＋ 实操 ${event.practicalWeight}%</p>
<table><thead><tr><th>名次</th><th>报名号</th><th>姓名</th><th>推荐单位</th><th>总成绩</th><th>奖项</th></tr></thead><tbody>
${body}
</tbody></table>
<div class="signatures"><span>裁判长（签字）：________________</span><span>监督仲裁（签字）：________________</span><span>日期：________________</span></div>`,
      '@page { size: A4; margin: 18mm } table { width: 100%; border-collapse: collapse } th, td { border: 1px solid #333; padding: 4px 8px; text-align: center } .signatures { display: flex; justify-content: space-between; margin-top: 24mm; font-size: 12pt }',
    );
  }
}

function page(title: string, body: string, css: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title><style>body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0 } ${css}</style></head><body>${body}</body></html>`;
}
