import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Clock } from '../common/clock/clock.js';
import { DEMO_VERIFICATION_ID } from '../modules/verifications/dto/verification.dto.js';
import { VerificationStore } from '../modules/verifications/verification.store.js';

/** How long the demo verification stays checkable: as long as the longest code a verification sends. */
const DEMO_TTL_MS = 60 * 60_000;

/**
 * The gateway-side demo data of sandbox mode (the simulator seeds its own groups and templates): the verification
 * that Swagger's `GET /v1/verifications/{id}` example names, visible to every key. Seeded at start-up and again by
 * `POST /v1/sandbox/reset`; it expires like any other.
 */
@Injectable()
export class SandboxDemoData implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed();
  }

  async seed(): Promise<void> {
    // Looked up, not injected: the verifications module is the application's, the sandbox only adds to its store.
    const store = this.moduleRef.get(VerificationStore, { strict: false });
    await store.create({
      id: DEMO_VERIFICATION_ID,
      destination: '34600000000',
      type: 'mobile',
      status: 'pending',
      attempts: 0,
      expiresAt: this.clock.now() + DEMO_TTL_MS,
      apiKeyName: null,
    });
  }
}
