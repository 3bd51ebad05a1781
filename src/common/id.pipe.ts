import { Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from './errors/app-error';

/** A route id: a positive integer that fits in 32 bits; anything else is a VALIDATION_FAILED. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id) || id > 2_147_483_647) {
      throw new AppError(400, 'VALIDATION_FAILED', 'The id in the path is not valid.', [
        { field: 'id', messages: ['id must be a positive integer'] },
      ]);
    }
    return id;
  }
}
