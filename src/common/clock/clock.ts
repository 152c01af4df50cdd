import { Global, Module, type DynamicModule } from '@nestjs/common';

/**
 * The time every gateway timer and schedule reads (expiry, tracking, retries, caches, the embedded simulator's
 * delivery delays). Injected, so that tests move time instead of sleeping.
 */
export abstract class Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  abstract now(): number;

  date(): Date {
    return new Date(this.now());
  }
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that stands still until a test moves it. */
export class ManualClock extends Clock {
  constructor(private current: number = Date.parse('2026-01-15T09:00:00Z')) {
    super();
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(at: number | Date): void {
    this.current = typeof at === 'number' ? at : at.getTime();
  }
}

/** Provides the one `Clock` of the application (the system's unless a test passes its own). */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
