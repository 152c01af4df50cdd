import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SharedRedisModule } from '../../common/redis/shared-redis.js';
import { ConfigurationHealthIndicator } from './configuration.health.js';
import { HealthController } from './health.controller.js';
import { RedisHealthIndicator } from './redis.health.js';
import { UpstreamHealthIndicator } from './upstream.health.js';

@Module({
  imports: [TerminusModule, SharedRedisModule],
  controllers: [HealthController],
  providers: [ConfigurationHealthIndicator, RedisHealthIndicator, UpstreamHealthIndicator],
})
export class HealthModule {}
