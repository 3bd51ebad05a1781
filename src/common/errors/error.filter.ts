import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { localeFromHeader } from '../i18n/glossary';
import { AppError } from './app-error';
import { toErrorBody } from './error-body';

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      return;
    }
    const request = host.switchToHttp().getRequest<Request>();
    const body = toErrorBody(exception, localeFromHeader(request.headers['accept-language']));
    if (body.code === 'STORAGE_UNAVAILABLE') {
      // Expected while a disk is full or a connection is down (the unit of work logs the cause
      // once): one line per refused request, not a stack trace each.
      this.logger.warn(`${request.method} ${request.url}: ${body.code}`);
    } else if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof AppError && exception.status === 429) {
      const retry = (exception.details as { retryAfterSeconds?: number } | undefined)
        ?.retryAfterSeconds;
      if (retry !== undefined) {
        response.setHeader('Retry-After', String(retry));
      }
    }
    response.status(body.statusCode).json(body);
  }
}
