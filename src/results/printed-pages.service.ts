import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/app-error';
import { glossaryTerm } from '../common/i18n/glossary';
import { UnitOfWork } from '../database/unit-of-work';
import type { NoPrizeReason } from '../domain/prizes';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { EventsService } from '../editions/events.service';
import { Contestant } from '../registration/entities/contestant.entity';
import {
  addressee,
  chineseDateTime,
  durationWords,
  mark2,
  NO_PRIZE_ZH,
  prizeWord,
} from './document-words';
import { GrantRow } from './entities/grant.entity';
import { asGranted } from './grant-snapshot';
import { ResultsService } from './results.service';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The pages printed from the browser (HTML for A4): certificates and the results sheet. */
@Injectable()
export class PrintedPagesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly results: ResultsService,
    private readonly events: EventsService,
  ) {}

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
