import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

/** Flipped when SIGTERM arrives so readiness fails at once while in-flight requests finish. */
@Injectable()
export class ShutdownState {
  private draining = false;

  constructor(private readonly indicator: HealthIndicatorService) {}

  beginDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  check(key: string): HealthIndicatorResult {
    const session = this.indicator.check(key);
    return this.draining ? session.down({ reason: 'shutting down' }) : session.up();
  }
}
