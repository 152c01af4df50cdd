import { Injectable } from '@nestjs/common';
import { deliveryOf } from '../sandbox.messaging.js';
import { SandboxDemoData } from '../sandbox.demo-data.js';
import { AfilnetSandbox } from '../sandbox.server.js';
import type { SandboxAddressDto } from './dto/sandbox-addresses.dto.js';
import type { OutboxChannel, SandboxMessageDto } from './dto/sandbox-messages.dto.js';

/** Reads and resets the embedded simulator, so a developer sees what "Try it out" would have sent. */
@Injectable()
export class SandboxInspectionService {
  constructor(
    private readonly sandbox: AfilnetSandbox,
    private readonly demo: SandboxDemoData,
  ) {}

  /** Newest first. */
  messages(channel: OutboxChannel | undefined): SandboxMessageDto[] {
    const { state } = this.sandbox;
    const now = state.now();
    return state.outbox(channel).map((message) => {
      const delivery = deliveryOf(message, now);
      return {
        messageId: message.id,
        channel: message.channel,
        destination: message.destination,
        text: message.text,
        credits: message.credits,
        createdAt: message.createdAt,
        sendAt: new Date(delivery.sendAt).toISOString(),
        status: delivery.status,
        deliveredAt: delivery.deliveredAt === undefined ? null : new Date(delivery.deliveredAt).toISOString(),
      };
    });
  }

  /** In the order they were added. */
  addresses(): SandboxAddressDto[] {
    return this.sandbox.state.addresses().map(({ id, cityId, ...address }) => ({
      ...address,
      id: Number(id),
      cityId: cityId === null ? null : Number(cityId),
    }));
  }

  /**
   * Back to a fresh account: the outbox and addresses emptied, the balance restored, the demo groups, templates
   * and verification re-seeded.
   */
  async reset(): Promise<void> {
    this.sandbox.state.reset();
    await this.demo.seed();
  }
}
