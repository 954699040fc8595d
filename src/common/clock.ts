import { Injectable } from '@nestjs/common';

/**
 * The time, from one replaceable place: rules that depend on the calendar (credit refills,
 * expiry warnings, retry schedules) ask this, so tests move time instead of waiting for it.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
