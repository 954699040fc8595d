import { Injectable } from '@nestjs/common';

/**
 * The time rules that depend on the calendar (credit refills) read. One injectable place, so
 * tests move time by replacing `now` on the app's instance instead of waiting.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
