import { sheetTooLarge } from './sheet-limits';

/**
 * RFC 4180 CSV, one row at a time: quoted fields, doubled quotes, CRLF or LF; a UTF-8 BOM is
 * ignored. A row with more than `maxColumns` fields stops the read as it is being parsed.
 */
export function* csvRows(text: string, maxColumns = Infinity): Generator<string[]> {
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  const push = () => {
    row.push(field);
    field = '';
    if (row.length > maxColumns) {
      throw sheetTooLarge('columns', maxColumns);
    }
  };
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      push();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') {
        i += 1;
      }
      push();
      yield row;
      row = [];
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    push();
    yield row;
  }
}
