/// <reference lib="dom" />
/**
 * What a zh-CN page or document must not show: an English sentence (three Latin words in a row)
 * or an internal code (ID_CHECK_DIGIT, a clause id, a state key). ID numbers, work-piece codes,
 * entry numbers, dates and amounts are no words, so they pass.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';

const LATIN_RUN = /[A-Za-z]+(?:[\s,.;:'’-]+[A-Za-z]+){2}/;
const INTERNAL = [
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/,
  /\b\d+\.(?:worker|student|matching)\b|\bpractice\.[a-z-]+/,
  /\b(?:worker|student|pending|submitted|approved|rejected|withdrawn|paid|junior|intermediate|senior|technician|senior_technician|organizer|chief_judge|provisional|published)\b/,
];

/** The lines among `texts` that are English sentences or internal codes. */
export function foreignLines(texts: string[]): string[] {
  return texts
    .flatMap((t) => t.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '' && (LATIN_RUN.test(l) || INTERNAL.some((re) => re.test(l))));
}

/** Every visible message, toast, alert, dialog, form error, tag and table cell on the page. */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selectors = [
      '.el-message',
      '.el-notification',
      '.el-alert',
      '.el-dialog',
      '.el-message-box',
      '.el-form-item__error',
      '.el-tag',
      '.el-table th',
      '.el-table td',
      '.el-descriptions',
      'h1',
      'h2',
      'h3',
    ];
    return [...document.querySelectorAll<HTMLElement>(selectors.join(','))]
      .filter((e) => e.offsetParent !== null || e.getClientRects().length > 0)
      .map((e) => e.innerText);
  });
}

/** Problems on the page now, with what was seen, for a readable failure. */
export async function pageProblems(page: Page): Promise<{ seen: number; foreign: string[] }> {
  const texts = await visibleTexts(page);
  return { seen: texts.length, foreign: foreignLines(texts) };
}

/** Every cell of every sheet of an .xlsx file, as text. */
export async function xlsxCells(buffer: ArrayBuffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer);
  return wb.worksheets.flatMap((ws) =>
    (ws.getSheetValues().slice(1) as unknown[][]).flatMap((row) =>
      (row ?? []).slice(1).map((c) => (c === null || c === undefined ? '' : String(c))),
    ),
  );
}

/** The readable text of an HTML document (styles and tags dropped, entities decoded). */
export function htmlText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
}
