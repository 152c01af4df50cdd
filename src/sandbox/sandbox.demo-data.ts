import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Clock } from '../common/clock/clock.js';
import { MessageLedger } from '../database/repositories/message-ledger.repository.js';
import { DEMO_MESSAGE_ID } from '../modules/ledger/dto/message.dto.js';
import { DEMO_VERIFICATION_ID } from '../modules/verifications/dto/verification.dto.js';
import { VerificationStore } from '../modules/verifications/verification.store.js';

/** How long the demo verification stays checkable: as long as the longest code a verification sends. */
const DEMO_TTL_MS = 60 * 60_000;

/**
 * The gateway-side demo data of sandbox mode (the simulator seeds its own groups and templates): the verification
 * and the ledger message that Swagger's `GET /v1/verifications/{id}` and `GET /v1/messages/{id}` examples name.
 * Seeded at start-up and again by `POST /v1/sandbox/reset`; the verification expires like any other.
 */
@Injectable()
export class SandboxDemoData implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly ledger: MessageLedger,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed();
  }

  async seed(): Promise<void> {
    await this.seedMessage();
    await this.seedVerification();
  }

  /** An SMS to the demo number, accepted by Afilnet (visible without keys, and to `*` keys). */
  private async seedMessage(): Promise<void> {
    if ((await this.ledger.find(DEMO_MESSAGE_ID, null)) !== undefined) return;
    await this.ledger.insert([
      {
        id: DEMO_MESSAGE_ID,
        channel: 'sms',
        operation: 'sms.send',
        caller: null,
        to: '34600000000',
        content: 'Your code is on its way',
        segments: 1,
      },
    ]);
    await this.ledger.recordOutcomes([
      {
        id: DEMO_MESSAGE_ID,
        outcome: 'accepted',
        messageId: 'demo',
        credits: 1,
        status: 'pending',
        nextCheckAt: null,
      },
    ]);
  }

  private async seedVerification(): Promise<void> {
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
