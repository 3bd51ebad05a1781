/** Why a person's name was refused; one code for all (NAME_INVALID), the reason for people. */
export type NameProblem =
  'blank' | 'control-character' | 'bidi-control' | 'lone-surrogate' | 'formula-prefix';

export type NameCheck =
  { ok: true; value: string } | { ok: false; problem: NameProblem; message: string };

/** Spaces of every kind and the characters that take no width (ZWSP, ZWNJ, ZWJ, WJ, BOM). */
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF\u180E\u3164\u115F\u1160]/gu;
/** C0 and C1 controls, NUL and DEL among them (the Unicode category Cc). */
const CONTROL = /\p{Cc}/u;
/** Embeddings, overrides and isolates, and the directional marks: text that reorders itself. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/**
 * A surrogate half without its partner, not a character at all; or U+FFFD, what a decoder puts
 * in its place (a CSV saved in the wrong encoding).
 */
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/;
/** What a spreadsheet reads as the start of a formula. */
const FORMULA = /^[=+\-@]/;

/**
 * A contestant's name as the form and the sheet import accept it: the same rule for both, so a
 * name refused in one cannot come in through the other. Names are printed on certificates and
 * lists and shown on the public board: nothing invisible, nothing that reorders the text around
 * it, nothing a spreadsheet would run. Returns the name trimmed.
 */
export function checkPersonName(name: string): NameCheck {
  if (LONE_SURROGATE.test(name)) {
    return { ok: false, problem: 'lone-surrogate', message: 'The name holds a broken character.' };
  }
  if (CONTROL.test(name)) {
    return {
      ok: false,
      problem: 'control-character',
      message: 'The name holds a control character.',
    };
  }
  if (BIDI.test(name)) {
    return {
      ok: false,
      problem: 'bidi-control',
      message: 'The name holds a character that reverses the text direction.',
    };
  }
  if (name.replace(INVISIBLE, '') === '') {
    return { ok: false, problem: 'blank', message: 'The name is blank.' };
  }
  const value = name.trim();
  if (FORMULA.test(value)) {
    return {
      ok: false,
      problem: 'formula-prefix',
      message: 'The name starts with = + - or @, which spreadsheets run as a formula.',
    };
  }
  return { ok: true, value };
}
