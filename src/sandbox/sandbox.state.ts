import { AfilnetDates } from './sandbox.dates.js';

/** A message the simulator accepted: what Afilnet would have sent. */
export interface OutboxMessage {
  readonly id: string;
  readonly channel: string;
  readonly destination: string;
  readonly text: string;
  /** ISO 8601, from the state's clock. */
  readonly createdAt: string;
  readonly credits: number;
}

/** A contact group: the main field (`mobile` or `email`, after `type`) is always among `fields`. */
export interface SandboxGroup {
  readonly id: string;
  name: string;
  readonly type: 'mobile' | 'email';
  /** Field names in order; the main field first. */
  fields: string[];
  /** Dialling code assigned with `assigncountry`, prefixed to mobile numbers on group sends. */
  countryCode?: string;
  /** Contacts by id: field name → value. */
  readonly contacts: Map<string, Record<string, string>>;
}

export interface SandboxTemplate {
  readonly id: string;
  readonly title: string;
  /** Text with `<placeholder>`s. */
  readonly message: string;
  readonly type: 'mobile' | 'whatsapp' | 'email';
}

/** Something that happened on the simulated account, for `event.getevents`. */
export interface SandboxEvent {
  readonly id: string;
  /** e.g. `message.sent`, `group.created`, `template.deleted`. */
  readonly type: string;
  /** ISO 8601, from the state's clock. */
  readonly at: string;
  readonly detail: string;
}

/** An address added with `user.addaddress`: the holder, and whichever address fields were given. */
export interface SandboxAddress {
  readonly id: string;
  /** `namelastname`. */
  readonly name: string;
  readonly isCompany: boolean;
  /** Kept for companies only. */
  readonly companyName: string | null;
  readonly documentId: string | null;
  readonly countryCode: string | null;
  readonly cityId: string | null;
  readonly cityName: string | null;
  readonly zipCode: string | null;
  readonly address: string | null;
  /** ISO 8601, from the state's clock. */
  readonly createdAt: string;
}

export interface PendingOtp {
  readonly code: string;
  /** Epoch milliseconds, on the state's clock. */
  readonly expiresAt: number;
}

export interface SandboxStateOptions {
  readonly initialBalance: number;
  /** Epoch milliseconds; injectable so tests can move time forward. */
  readonly now?: () => number;
  /** The account's time zone, which Afilnet's dates are written in. Default Europe/Madrid. */
  readonly timeZone?: string;
}

/** The simulator runs for days in integration environments, so nothing it keeps may grow without bound. */
export const OUTBOX_LIMIT = 1000;
export const PENDING_OTP_LIMIT = 1000;
export const EVENT_LIMIT = 1000;
export const ADDRESS_LIMIT = 1000;

/**
 * The simulated account: balance, outbox, pending OTP codes, groups, templates, addresses and events, all in
 * memory.
 */
export class SandboxState {
  readonly now: () => number;
  /** How the account reads and writes Afilnet's wall-clock dates. */
  readonly dates: AfilnetDates;
  /** Contact groups by id (the `group` class owns their life cycle; sends read them). */
  readonly groups = new Map<string, SandboxGroup>();
  /** Templates by id (the `template` class owns their life cycle; sends read them). */
  readonly templates = new Map<string, SandboxTemplate>();
  private eventLog: SandboxEvent[] = [];
  private addressBook: SandboxAddress[] = [];
  private readonly lastIds = new Map<string, number>();
  private readonly initialBalance: number;
  private currentBalance: number;
  private messages: OutboxMessage[] = [];
  private readonly pendingOtps = new Map<string, PendingOtp>();
  private lastMessageId = 0;

  constructor(options: SandboxStateOptions) {
    if (!Number.isFinite(options.initialBalance) || options.initialBalance < 0) {
      throw new RangeError(`initialBalance must be a finite number >= 0 (got ${options.initialBalance})`);
    }
    this.initialBalance = options.initialBalance;
    this.currentBalance = options.initialBalance;
    this.now = options.now ?? Date.now;
    this.dates = new AfilnetDates(options.timeZone);
    this.seedDemoData();
  }

  /** Remaining credits. */
  get balance(): number {
    return this.currentBalance;
  }

  /** Takes `credits` from the balance; `false`, and nothing taken, when the balance does not cover them. */
  charge(credits: number): boolean {
    if (!Number.isFinite(credits) || credits < 0) {
      throw new RangeError(`credits must be a finite number >= 0 (got ${credits})`);
    }
    if (credits > this.currentBalance) return false;
    this.currentBalance -= credits;
    return true;
  }

  /** Adds a message to the outbox under a fresh id and the current time. */
  recordMessage(message: Omit<OutboxMessage, 'id' | 'createdAt'>): OutboxMessage {
    const recorded: OutboxMessage = {
      ...message,
      id: this.nextMessageId(),
      createdAt: new Date(this.now()).toISOString(),
    };
    this.messages.unshift(recorded);
    if (this.messages.length > OUTBOX_LIMIT) this.messages.length = OUTBOX_LIMIT;
    this.recordEvent('message.sent', `${recorded.channel} message ${recorded.id} to ${recorded.destination}`);
    return recorded;
  }

  /** Appends to the event log (newest first, bounded). */
  recordEvent(type: string, detail: string): SandboxEvent {
    const event: SandboxEvent = {
      id: this.nextId('event'),
      type,
      at: new Date(this.now()).toISOString(),
      detail,
    };
    this.eventLog.unshift(event);
    if (this.eventLog.length > EVENT_LIMIT) this.eventLog.length = EVENT_LIMIT;
    return event;
  }

  /** Newest first. */
  events(): readonly SandboxEvent[] {
    return [...this.eventLog];
  }

  /** Adds an address under a fresh id and the current time; past the limit the oldest one is dropped. */
  addAddress(address: Omit<SandboxAddress, 'id' | 'createdAt'>): SandboxAddress {
    const added: SandboxAddress = {
      ...address,
      id: this.nextId('address'),
      createdAt: new Date(this.now()).toISOString(),
    };
    this.addressBook.push(added);
    if (this.addressBook.length > ADDRESS_LIMIT) this.addressBook.shift();
    return added;
  }

  /** In the order they were added. */
  addresses(): readonly SandboxAddress[] {
    return [...this.addressBook];
  }

  /** Sequential ids per kind (`group`, `contact`, `template`, `bulk`, …), as strings like Afilnet's. */
  nextId(kind: string): string {
    const id = (this.lastIds.get(kind) ?? 0) + 1;
    this.lastIds.set(kind, id);
    return String(id);
  }

  /** Newest first; only `channel`'s messages when one is given. */
  outbox(channel?: string): readonly OutboxMessage[] {
    return channel === undefined ? [...this.messages] : this.messages.filter((m) => m.channel === channel);
  }

  /** Afilnet-style numeric message ids, as strings like the real API returns them. */
  nextMessageId(): string {
    this.lastMessageId += 1;
    return String(this.lastMessageId);
  }

  /** Replaces any code already pending for `destination`. */
  savePendingOtp(destination: string, otp: PendingOtp): void {
    const key = otpKey(destination);
    // Re-inserting moves the entry to the end of the Map's order, so eviction always drops the oldest.
    this.pendingOtps.delete(key);
    this.pendingOtps.set(key, otp);
    if (this.pendingOtps.size > PENDING_OTP_LIMIT) {
      const oldest = this.pendingOtps.keys().next();
      if (oldest.done !== true) this.pendingOtps.delete(oldest.value);
    }
  }

  pendingOtp(destination: string): PendingOtp | undefined {
    return this.pendingOtps.get(otpKey(destination));
  }

  deletePendingOtp(destination: string): void {
    this.pendingOtps.delete(otpKey(destination));
  }

  /** Back to a fresh account: initial balance, nothing sent, stored or pending, ids from 1 again. */
  reset(): void {
    this.currentBalance = this.initialBalance;
    this.messages = [];
    this.pendingOtps.clear();
    this.lastMessageId = 0;
    this.groups.clear();
    this.templates.clear();
    this.eventLog = [];
    this.addressBook = [];
    this.lastIds.clear();
    this.seedDemoData();
  }

  /**
   * A fresh account already has two groups and three templates, so every "Try it out" example that names
   * group 1 or template 1 works on a fresh start. Group mobile numbers are national (the group send's
   * `countrycode` is put in front of them).
   */
  private seedDemoData(): void {
    const customers: SandboxGroup = {
      id: this.nextId('group'),
      name: 'Demo customers',
      type: 'mobile',
      fields: ['mobile', 'name'],
      countryCode: '34',
      contacts: new Map(),
    };
    customers.contacts.set(this.nextId('contact'), { mobile: '600000001', name: 'Ana' });
    customers.contacts.set(this.nextId('contact'), { mobile: '600000002', name: 'Luis' });
    const newsletter: SandboxGroup = {
      id: this.nextId('group'),
      name: 'Demo newsletter',
      type: 'email',
      fields: ['email', 'name'],
      contacts: new Map(),
    };
    newsletter.contacts.set(this.nextId('contact'), { email: 'ana@example.com', name: 'Ana' });
    newsletter.contacts.set(this.nextId('contact'), { email: 'luis@example.com', name: 'Luis' });
    for (const group of [customers, newsletter]) this.groups.set(group.id, group);

    const templates: Omit<SandboxTemplate, 'id'>[] = [
      { title: 'Welcome', message: 'Hello <name>, welcome aboard!', type: 'mobile' },
      { title: 'Newsletter', message: '<h1>Hello <name></h1><p>News of the month.</p>', type: 'email' },
      { title: 'Reminder', message: 'Hi <name>, see you tomorrow.', type: 'whatsapp' },
    ];
    for (const template of templates) {
      const id = this.nextId('template');
      this.templates.set(id, { id, ...template });
    }
  }
}

/** People retype e-mail addresses in any case; phone numbers are digits, so lower-casing leaves them alone. */
function otpKey(destination: string): string {
  return destination.toLowerCase();
}
