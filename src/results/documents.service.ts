import type { NoPrizeReason } from '../domain/prizes';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { protectTextCells } from '../common/sheets/excel-text';
import { In } from 'typeorm';
import { notFound } from '../common/errors/app-error';
import { UnitOfWork } from '../database/unit-of-work';
import { glossaryTerm, upgradeNoteText } from '../common/i18n/glossary';
import type { PolicyClause } from '../domain/policy';
import { PoliciesService } from '../policies/policies.service';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { Contestant } from '../registration/entities/contestant.entity';
import { GrantRow } from './entities/grant.entity';
import { ResultRow } from './entities/result-row.entity';
import {
  addressee,
  clauseReferences,
  durationWords,
  levelWord,
  mark2,
  prizeWord,
  upgradeWords,
  chineseDateTime,
  NO_PRIZE_ZH,
  THEORY_ABSENT_NOTE,
} from './document-words';
import { EventsService } from '../editions/events.service';
import { ResultsService } from './results.service';

const grantStatus = (s: string) => glossaryTerm('grantStatuses', s, 'zh-CN');
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface GrantLine {
  grant: GrantRow;
  contestant: Contestant;
  event: CompetitionEvent | null;
  /** The prize came with theory counted 0: marked absent from it (缺考). */
  theoryAbsent: boolean;
  /** From the grant's snapshot: as the person was when the grant was made. */
  name: string;
  unit: string;
  eventName: string;
}

/** Paid history never changes: the snapshot first; today's records only for older grants. */
const asGranted = (grant: GrantRow, contestant: Contestant, event: CompetitionEvent | null) => ({
  name: grant.contestantName ?? contestant.name,
  unit: grant.unitName ?? contestant.unit?.name ?? '',
  eventName: grant.basis === 'prize' ? (grant.eventName ?? event?.name ?? '') : '配套奖励',
});

/** The documents the city files and prints: award list, payout list, upgrade list, certificates, results sheet. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly results: ResultsService,
    private readonly policies: PoliciesService,
    private readonly events: EventsService,
  ) {}

  private async lines(
    editionId: number,
  ): Promise<{ edition: Edition; lines: GrantLine[]; clauses: PolicyClause[] }> {
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
    const clauses = (await this.policies.forEdition(m, edition)).clauses;
    const theoryAbsent = new Set(
      (
        await m.find(ResultRow, {
          where: { eventId: In([...events.keys()]), theoryAbsent: true },
        })
      ).map((r) => `${r.eventId}|${r.contestantId}`),
    );
    return {
      edition,
      clauses,
      lines: grants.map((grant) => {
        const contestant = contestants.get(grant.contestantId)!;
        const event = grant.eventId ? (events.get(grant.eventId) ?? null) : null;
        return {
          grant,
          contestant,
          event,
          theoryAbsent: theoryAbsent.has(`${grant.eventId}|${grant.contestantId}`),
          ...asGranted(grant, contestant, event),
        };
      }),
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
    const { lines, clauses } = await this.lines(editionId);
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
        { header: '依据', key: 'basis', width: 36 },
        { header: '状态', key: 'status', width: 10 },
        { header: '备注', key: 'note', width: 12 },
      ];
      for (const { grant, contestant, name, unit, eventName, theoryAbsent } of lines) {
        ws.addRow({
          event: eventName,
          prize: prizeWord(grant.prize),
          name,
          // The ID number is the person's key: it never changes, and the city needs it whole.
          id: contestant.idNumber,
          unit,
          titles: grant.titles.join('、'),
          treatment: grant.modelWorkerTreatment ? '是' : '',
          upgrade: upgradeWords(grant.upgradeFrom, grant.upgradeTo, grant.upgradeNote),
          cash: grant.cash,
          basis: clauseReferences(grant.clauses, clauses),
          status: grantStatus(grant.status),
          note: theoryAbsent ? THEORY_ABSENT_NOTE : '',
        });
      }
    });
  }

  /** 奖金发放表: cash by recommending unit, with a subtotal per unit and the edition's total. */
  async payoutList(editionId: number): Promise<Buffer> {
    const { lines } = await this.lines(editionId);
    const byUnit = new Map<string, GrantLine[]>();
    for (const line of lines.filter((l) => l.grant.cash > 0)) {
      const unit = line.unit;
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
        for (const { grant, name, eventName } of unitLines) {
          ws.addRow({
            unit,
            name,
            event: eventName,
            prize: prizeWord(grant.prize),
            cash: grant.cash,
            status: grantStatus(grant.status),
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
      for (const { grant, contestant, event, name, eventName } of lines.filter(
        (l) => l.grant.basis === 'prize',
      )) {
        ws.addRow({
          name,
          id: contestant.idNumber,
          occupation: event?.occupation ?? '',
          from: levelWord(grant.upgradeFrom),
          to: levelWord(grant.upgradeTo),
          cert: contestant.certificateNo ?? '',
          prize: `${eventName} ${prizeWord(grant.prize)}`,
          note: grant.upgradeTo ? '' : upgradeNoteText(grant.upgradeNote, 'zh-CN'),
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
    const contestant = await m.findOneOrFail(Contestant, {
      where: { id: grant.contestantId },
      relations: { unit: true },
    });
    const event = await m.findOneByOrFail(CompetitionEvent, { id: grant.eventId });
    const edition = await m.findOneByOrFail(Edition, { id: event.editionId });
    const { name, eventName } = asGranted(grant, contestant, event);
    const titles = grant.titles.length > 0 ? `，授予“${grant.titles.join('”“')}”荣誉称号` : '';
    const date = (event.finalAt ?? new Date().toISOString()).slice(0, 10).split('-');
    return page(
      `荣誉证书 ${name}`,
      `
<main class="certificate">
  <h1>荣 誉 证 书</h1>
  <p class="body"><strong>${escape(name)}</strong> ${addressee(event.contestantGroup)}：</p>
  <p class="body">在${escape(edition.name)}${escape(eventName)}（${glossaryTerm('groups', event.contestantGroup, 'zh-CN')}）比赛中荣获<strong>${prizeWord(grant.prize ?? 3)}</strong>${escape(titles)}。</p>
  <p class="body">特发此证，以资鼓励。</p>
  <p class="issuer">无锡技能精英大赛组委会<br>${date[0]}年${Number(date[1])}月${Number(date[2])}日</p>
  <p class="no">证书编号：WX${edition.year}-${String(event.id).padStart(2, '0')}-${String(grant.id).padStart(4, '0')}</p>
</main>`,
      '@page { size: A4 landscape; margin: 0 } .certificate { width: 297mm; height: 210mm; box-sizing: border-box; padding: 28mm 36mm; border: 6mm double #b8860b; } h1 { text-align: center; font-size: 44pt; letter-spacing: 1em; color: #b22222; } .body { font-size: 20pt; line-height: 2; } .issuer { text-align: right; font-size: 18pt; margin-top: 18mm; } .no { font-size: 10pt; color: #666; }',
    );
  }

  /** 成绩单: the official results of an event with signature lines for the chief judge and the supervisor. */
  async resultsSheet(eventId: number): Promise<string> {
    const event = await this.events.findOr404(this.uow.reader, eventId);
    const { rows, status } = await this.results.get(eventId);
    const parts = await this.results.partScores(eventId);
    const hasTheory = event.theoryWeight > 0;
    // Equal totals ranked apart are explained by the tie-break chain's columns on the page.
    const body = rows
      .map((r) => {
        const p = parts.get(r.entryId);
        const absent = r.status !== 'competed';
        const cells = [
          r.rank === null ? '—' : `${r.rank}${r.tied ? '（并列）' : ''}`,
          escape(r.entryNo),
          escape(r.name),
          escape(r.unitName),
          absent ? '' : mark2(p?.practical),
          absent ? '' : durationWords(p?.timeUsedSeconds),
          ...(hasTheory ? [absent ? '' : r.theoryAbsent ? '缺考' : mark2(p?.theory)] : []),
          absent ? '缺考' : mark2(r.total),
          r.prize
            ? prizeWord(r.prize)
            : r.noPrizeReason
              ? NO_PRIZE_ZH[r.noPrizeReason as NoPrizeReason]
              : '',
        ];
        return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
      })
      .join('\n');
    const heads = [
      '名次',
      '报名号',
      '姓名',
      '推荐单位',
      '实操成绩',
      '用时',
      ...(hasTheory ? ['理论成绩'] : []),
      '总成绩',
      '奖项',
    ];
    return page(
      `${event.name} 成绩单`,
      `
<h1>${escape(event.name)} 成绩单</h1>
<p>状态：${glossaryTerm('resultsStatuses', status, 'zh-CN')}，总成绩 = 理论 ${event.theoryWeight}% ＋ 实操 ${event.practicalWeight}%</p>
${event.decryptedAt ? `<p class="decrypted">解密：${escape(chineseDateTime(event.decryptedAt))}（北京时间） · ${escape(event.decryptedBy ?? '')}</p>` : ''}
<p class="note">总成绩相同时依次比较：实操成绩高者在前，用时少者在前，理论成绩高者在前；仍相同者名次并列。</p>
<table><thead><tr>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
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
