import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { localeFromHeader, type Locale } from './glossary';

const storage = new AsyncLocalStorage<Locale>();

/**
 * The language of the request being served (from Accept-Language, zh-CN by default), for code
 * that words something without the request at hand (a batch's per-item errors, an import's rows).
 */
export function requestLocale(): Locale {
  return storage.getStore() ?? 'zh-CN';
}

/** Express middleware: everything the request runs sees its locale. */
export function localeMiddleware(req: Request, _res: Response, next: NextFunction): void {
  storage.run(localeFromHeader(req.headers['accept-language']), next);
}
