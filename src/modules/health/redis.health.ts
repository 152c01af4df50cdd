import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { SharedRedis } from '../../common/redis/shared-redis.js';

/** With `REDIS_URL`, an instance that cannot reach Redis refuses sends (503), so it must not get traffic. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly redis: SharedRedis,
    private readonly indicator: HealthIndicatorService,
  ) {}

  get configured(): boolean {
    return this.redis.client !== undefined;
  }

  async check(key: string): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(key);
    try {
      await this.redis.client?.ping();
      return session.up();
    } catch (error) {
      return session.down({ reason: `Redis not reachable (${(error as Error).message})` });
    }
  }
}
