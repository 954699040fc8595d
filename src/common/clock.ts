import { Injectable } from '@nestjs/common';

/**
 * The time, from one replaceable place: work that depends on dates (expiry warnings, retry
 * schedules) asks this, so tests can move time instead of waiting for it.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
