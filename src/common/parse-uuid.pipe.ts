import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { InvalidIdError } from './errors';

/** Path ids must be UUIDs: anything else is a 400 `invalid_id`, before any database lookup. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new InvalidIdError();
    return value.toLowerCase();
  }
}
