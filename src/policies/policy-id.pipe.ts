import { Injectable, PipeTransform } from '@nestjs/common';
import { notFound } from '../common/errors/app-error';
import { POLICY_ID } from './dto/policy.dto';

/**
 * A policy id in the path. Anything that could never be an id (a NUL byte, which PostgreSQL
 * refuses in text, or 4,000 characters) is a policy that does not exist, answered before the query.
 */
@Injectable()
export class PolicyIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!POLICY_ID.test(value)) {
      throw notFound('POLICY_NOT_FOUND', 'No such policy.');
    }
    return value;
  }
}
