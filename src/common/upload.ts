import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { MulterOptions } from '@nestjs/platform-express/multer/interfaces/multer-options.interface';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Options for one uploaded file. Browsers send a multipart file name as raw UTF-8 without a
 * charset; multer's default (latin1) turns 报名表.xlsx into mojibake, so read it as UTF-8.
 */
export function uploadOptions(fileSize: number): MulterOptions {
  return { limits: { fileSize, files: 1 }, defParamCharset: 'utf8' };
}

/**
 * A file name as the person typed it: a name that arrived as latin1-decoded UTF-8 bytes (a
 * client or proxy that ignored the charset) is read back as UTF-8; anything else is kept.
 */
export function utf8FileName(name: string): string {
  const latin1Only = [...name].every((c) => c.charCodeAt(0) <= 0xff);
  if (!latin1Only || !/[\u0080-\u00ff]/.test(name)) {
    return name;
  }
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}

/** A route that answers a file of `type` (a sheet, a page, a stream) rather than JSON. */
export const ApiFileResponse = (type: string, description?: string) =>
  applyDecorators(
    ApiProduces(type),
    ApiOkResponse({
      description,
      content: { [type]: { schema: { type: 'string', format: 'binary' } } },
    }),
  );
