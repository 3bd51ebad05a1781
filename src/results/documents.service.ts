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
import { asGranted } from './grant-snapshot';
import {
  clauseReferences,
  levelWord,
  prizeWord,
  upgradeWords,
  THEORY_ABSENT_NOTE,
} from './document-words';

const grantStatus = (s: string) => glossaryTerm('grantStatuses', s, 'zh-CN');

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

/**
 * The sheets the city files: award list, payout list, upgrade list (.xlsx). The pages printed
 * from the browser, certificates and the results sheet, are PrintedPagesService's.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policies: PoliciesService,
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
}
