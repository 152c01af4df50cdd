import {
  HttpException,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import { GatewayError } from '../errors/gateway.error.js';
import type { GatewayConfig } from '../../config/configuration.js';

/** Every key the gateway writes in Redis starts with this, so one Redis can serve other applications too. */
export const REDIS_KEY_PREFIX = 'afilnet-gateway:';

/** How long boot waits for the first connection; after that the gateway starts anyway and reports not ready. */
const FIRST_CONNECT_WAIT_MS = 3000;

/**
 * The one Redis connection every instance-shared store uses (rate limits, idempotency), present only when
 * `REDIS_URL` is set. Commands fail fast while Redis is away — no offline queue, one retry, a short command
 * timeout — so a caller gets a clear 503 instead of waiting; the client reconnects by itself and the stores
 * work again as soon as Redis is back.
 */
@Injectable()
export class SharedRedis implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client?: Redis;

  constructor(config: ConfigService<GatewayConfig, true>) {
    const url = config.get('redisUrl', { infer: true });
    if (url === undefined) return;
    this.client = new Redis(url, {
      keyPrefix: REDIS_KEY_PREFIX,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 1000,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    });
    // Without a listener ioredis reports every failed reconnection as an unhandled error event.
    this.client.on('error', (error: Error) =>
      this.logger.warn({ msg: 'redis unavailable', reason: error.message }),
    );
    this.client.on('ready', () => this.logger.log('redis connected'));
  }

  async onModuleInit(): Promise<void> {
    const client = this.client;
    if (client === undefined) return;
    const ready = new Promise<void>((resolve) => client.once('ready', () => resolve()));
    client.connect().catch(() => undefined);
    const waited = await Promise.race([
      ready.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), FIRST_CONNECT_WAIT_MS).unref()),
    ]);
    if (!waited)
      this.logger.warn('redis is not reachable yet: starting not ready, sends answer 503 until it is');
  }

  /** True when commands can be sent now. */
  get available(): boolean {
    return this.client?.status === 'ready';
  }

  onApplicationShutdown(): void {
    this.client?.disconnect(false);
  }
}

/** Seconds a caller is told to wait when Redis cannot be asked. */
const RETRY_AFTER_SECONDS = 2;

/**
 * Runs one command for a shared store; when Redis cannot answer, the request fails closed with 503
 * `STATE_STORE_UNAVAILABLE` (naming what could not be reached) rather than go on without the shared state.
 * An answer the store's own logic gives (an HTTP exception such as the throttler's 429) passes through.
 */
export async function askRedis<T>(store: string, command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof HttpException || error instanceof GatewayError) throw error;
    throw new GatewayError(
      'STATE_STORE_UNAVAILABLE',
      `The shared ${store} (Redis) is not reachable; nothing was sent. Retry shortly.`,
      RETRY_AFTER_SECONDS,
    );
  }
}

@Module({ providers: [SharedRedis], exports: [SharedRedis] })
export class SharedRedisModule {}
