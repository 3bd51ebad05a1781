import { validateScheme, type Aspect as DomainAspect } from '@domain/marking';
import type { Aggregation, AspectKind, Scheme, SchemeBody } from '../../api/contracts';

/** An aspect as the editor holds it: numbers as typed, so a half-typed "0." is not lost. */
export interface AspectDraft {
  key: number;
  code: string;
  description: string;
  kind: AspectKind;
  aggregation: Aggregation;
  max: string;
  step: string;
  maxSpread: string;
}

export interface ModuleDraft {
  key: number;
  code: string;
  name: string;
  aspects: AspectDraft[];
}

/** One problem, keyed by the field it belongs to (`modules[0].aspects[1].step`). */
export interface DraftError {
  path: string;
  code: string;
  params: Record<string, string | number>;
}

let nextKey = 1;
const key = () => nextKey++;
const text = (n: number | undefined) => (n === undefined ? '' : String(n));

export function newAspect(code = ''): AspectDraft {
  return {
    key: key(),
    code,
    description: '',
    kind: 'measurement',
    aggregation: 'mean',
    max: '',
    step: '',
    maxSpread: '',
  };
}

export function newModule(code = ''): ModuleDraft {
  return { key: key(), code, name: '', aspects: [newAspect(code ? `${code}1` : '')] };
}

export function toDraft(scheme: Scheme): ModuleDraft[] {
  return scheme.modules.map((m) => ({
    key: key(),
    code: m.code,
    name: m.name,
    aspects: m.aspects.map((a) => ({
      key: key(),
      code: a.code,
      description: a.description,
      kind: a.kind,
      aggregation: a.aggregation ?? 'mean',
      max: text(a.max),
      step: text(a.step),
      maxSpread: text(a.maxSpread),
    })),
  }));
}

const NUMBER = /^\d+(\.\d{1,2})?$/;
const CODE = /^[A-Za-z0-9._-]{1,16}$/;

/** A typed number: undefined when empty, NaN when not a number with at most 2 decimals. */
function parse(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return undefined;
  }
  return NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const usesStep = (a: AspectDraft) => !(a.kind === 'judgement' && a.aggregation === 'worldskills');
const usesSpread = (a: AspectDraft) => a.kind === 'judgement';

export function toBody(modules: ModuleDraft[]): SchemeBody {
  return {
    modules: modules.map((m) => ({
      code: m.code.trim(),
      name: m.name.trim(),
      aspects: m.aspects.map((a) => {
        const step = usesStep(a) ? parse(a.step) : undefined;
        const maxSpread = usesSpread(a) ? parse(a.maxSpread) : undefined;
        return {
          code: a.code.trim(),
          description: a.description.trim(),
          kind: a.kind,
          ...(a.kind === 'judgement' ? { aggregation: a.aggregation } : {}),
          max: parse(a.max) ?? Number.NaN,
          ...(step === undefined ? {} : { step }),
          ...(maxSpread === undefined ? {} : { maxSpread }),
        };
      }),
    })),
  };
}

/** Sum of the practical maxima typed so far (deductions only take away). */
export function practicalTotal(modules: ModuleDraft[]): number {
  let hundredths = 0;
  for (const a of modules.flatMap((m) => m.aspects)) {
    const max = parse(a.max);
    if (a.kind !== 'deduction' && max !== undefined && !Number.isNaN(max)) {
      hundredths += Math.round(max * 100);
    }
  }
  return hundredths / 100;
}

/**
 * Every problem of the draft, as the user types: the request's own limits (what the API's
 * validation refuses) first, then the domain's validateScheme, the function the server runs.
 */
export function draftErrors(modules: ModuleDraft[], hasTheory: boolean): DraftError[] {
  const errors: DraftError[] = [];
  const push = (path: string, code: string, params: Record<string, string | number> = {}) =>
    errors.push({ path, code, params });
  const body = toBody(modules);
  body.modules.forEach((m, i) => {
    const at = `modules[${i}]`;
    if (!CODE.test(m.code)) {
      push(`${at}.code`, 'SCHEME_CODE_FORMAT');
    }
    if (m.name === '' || m.name.length > 100) {
      push(`${at}.name`, 'SCHEME_NAME_REQUIRED');
    }
    m.aspects.forEach((a, j) => {
      const path = `${at}.aspects[${j}]`;
      if (!CODE.test(a.code)) {
        push(`${path}.code`, 'SCHEME_CODE_FORMAT');
      }
      if (a.description === '' || a.description.length > 300) {
        push(`${path}.description`, 'SCHEME_DESCRIPTION_REQUIRED');
      }
      if (Number.isNaN(a.max) || a.max > 100) {
        push(`${path}.max`, 'SCHEME_BAD_MAX', { code: a.code });
      }
      if (a.maxSpread !== undefined && (Number.isNaN(a.maxSpread) || a.maxSpread > 100)) {
        push(`${path}.maxSpread`, 'SCHEME_BAD_SPREAD', { code: a.code });
      }
    });
  });
  const domain = validateScheme({
    theory: hasTheory ? { max: 100 } : null,
    modules: body.modules.map((m) => ({
      code: m.code,
      aspects: m.aspects.map((a): DomainAspect =>
        a.kind === 'judgement'
          ? {
              kind: 'judgement',
              code: a.code,
              max: a.max,
              aggregation: a.aggregation ?? 'mean',
              step: a.step,
              maxSpread: a.maxSpread,
            }
          : { kind: a.kind, code: a.code, max: a.max, step: a.step ?? Number.NaN },
      ),
    })),
  });
  const seen = new Set(errors.map((e) => e.path));
  for (const e of domain) {
    if (!seen.has(e.path)) {
      seen.add(e.path);
      push(e.path, e.code, {
        code: codeAt(body, e.path),
        total: practicalTotal(modules),
      });
    }
  }
  return errors;
}

function codeAt(body: SchemeBody, path: string): string {
  const match = /^modules\[(\d+)\](?:\.aspects\[(\d+)\])?/.exec(path);
  if (!match) {
    return '';
  }
  const module = body.modules[Number(match[1])];
  if (match[2] === undefined) {
    return module?.code ?? '';
  }
  return module?.aspects[Number(match[2])]?.code ?? '';
}

/** Moves item `index` of `list` by `delta` places (reorder), in place. */
export function move<T>(list: T[], index: number, delta: -1 | 1): void {
  const to = index + delta;
  if (to < 0 || to >= list.length) {
    return;
  }
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item);
}
