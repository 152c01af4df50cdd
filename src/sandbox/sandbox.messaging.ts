import type { OutboxMessage, SandboxGroup, SandboxState, SandboxTemplate } from './sandbox.state.js';
import type { SandboxParams, SandboxReply } from './sandbox.types.js';
import { parsePairs } from './sandbox.encoding.js';

/**
 * What the simulator's message channels (sms, voice, email, whatsapp, chat) share: magic destinations,
 * scheduling, delivery statuses that move on with the state's clock, and the send/bulk/status methods.
 */

/** How long a message stays PENDING before it is DELIVERED (or FAILED). */
export const DELIVERY_DELAY_MS = 2000;

/** Magic destinations: no route at all (the send is refused), or accepted but never delivered. */
const NO_ROUTE_PHONE_PREFIX = '999';
const NO_ROUTE_EMAIL_DOMAIN = 'no-route.example';
const FAILING_PHONE_SUFFIX = '666';
const FAILING_EMAIL_LOCAL_PART = 'bounce';

/** The simulator's own code for a malformed optional value; the gateway's validation never lets one through. */
export const INVALID_PARAMETER = 'INVALID_PARAMETER';

export type DeliveryState = 'SCHEDULED' | 'PENDING' | 'DELIVERED' | 'FAILED';

export interface Delivery {
  readonly status: DeliveryState;
  /** Epoch milliseconds the message was (or will be) handed over; later than `createdAt` when scheduled. */
  readonly sendAt: number;
  /** Epoch milliseconds of delivery, once DELIVERED. */
  readonly deliveredAt?: number;
}

function emailParts(destination: string): [string, string] | undefined {
  const at = destination.lastIndexOf('@');
  return at <= 0
    ? undefined
    : [destination.slice(0, at).toLowerCase(), destination.slice(at + 1).toLowerCase()];
}

function isUnroutable(destination: string): boolean {
  const email = emailParts(destination);
  return email === undefined
    ? destination.startsWith(NO_ROUTE_PHONE_PREFIX)
    : email[1] === NO_ROUTE_EMAIL_DOMAIN;
}

function fails(destination: string): boolean {
  const email = emailParts(destination);
  const failing =
    email === undefined ? destination.endsWith(FAILING_PHONE_SUFFIX) : email[0] === FAILING_EMAIL_LOCAL_PART;
  return failing || isUnroutable(destination);
}

/** When each scheduled message goes out; keyed by the outbox entry, so a reset forgets it with the outbox. */
const scheduledSends = new WeakMap<OutboxMessage, number>();

/** Where a message stands at `now`: SCHEDULED until its time, PENDING for a moment, then DELIVERED or FAILED. */
export function deliveryOf(message: OutboxMessage, now: number): Delivery {
  const sendAt = scheduledSends.get(message) ?? Date.parse(message.createdAt);
  if (now < sendAt) return { status: 'SCHEDULED', sendAt };
  const settledAt = sendAt + DELIVERY_DELAY_MS;
  if (now < settledAt) return { status: 'PENDING', sendAt };
  if (fails(message.destination)) return { status: 'FAILED', sendAt };
  return { status: 'DELIVERED', sendAt, deliveredAt: settledAt };
}

/** `undefined` for "send now" (absent or empty, as in Afilnet's own examples), `null` when malformed. */
function scheduleOf(params: SandboxParams, state: SandboxState): number | undefined | null {
  const text = params.scheduledatetime;
  if (!text) return undefined;
  return state.dates.parse(text) ?? null;
}

/** One of the three channels that have the five send/status methods. */
export interface SandboxChannel {
  /** The outbox channel name. */
  readonly name: 'sms' | 'voice' | 'email';
  /** The field that carries the text in `getdeliverystatus` entries. */
  readonly textField: string;
  /** The kind of group and template the channel sends to. */
  readonly contactType: 'mobile' | 'email';
  readonly credits: (text: string) => number;
  /** The text a template becomes with its placeholders filled. */
  readonly fromTemplate: (template: SandboxTemplate, values: Readonly<Record<string, string>>) => string;
}

export interface OutgoingMessage {
  readonly channel: string;
  readonly destination: string;
  readonly text: string;
  readonly credits: number;
}

/** Records already-paid messages, scheduled ones with their send time. */
function record(state: SandboxState, messages: readonly OutgoingMessage[], sendAt: number | undefined) {
  return messages.map((message) => {
    const recorded = state.recordMessage(message);
    if (sendAt !== undefined) scheduledSends.set(recorded, sendAt);
    return recorded;
  });
}

/**
 * Sends one message: a malformed schedule is refused, an unroutable destination answers NO_ROUTE_AVAILABLE
 * when `routed`, and nothing is recorded unless the balance covers it.
 */
export function sendOne(
  state: SandboxState,
  params: SandboxParams,
  message: OutgoingMessage,
  routed = true,
): SandboxReply {
  const sendAt = scheduleOf(params, state);
  if (sendAt === null) return { error: INVALID_PARAMETER };
  if (routed && isUnroutable(message.destination)) return { error: 'NO_ROUTE_AVAILABLE' };
  if (!state.charge(message.credits)) return { error: 'NO_CREDITS' };
  const [recorded] = record(state, [message], sendAt);
  return { result: { messageid: recorded.id, credits: message.credits } };
}

function templateFor(state: SandboxState, channel: SandboxChannel, id: string): SandboxTemplate | undefined {
  const template = state.templates.get(id);
  // Unknown ids and templates of another kind are equally inaccessible.
  return template?.type === channel.contactType ? template : undefined;
}

function groupFor(state: SandboxState, channel: SandboxChannel, id: string): SandboxGroup | undefined {
  const group = state.groups.get(id);
  return group?.type === channel.contactType ? group : undefined;
}

/** One message from a stored template, its placeholders filled from `params` (`key:value,key:value`). */
export function sendFromTemplate(
  state: SandboxState,
  channel: SandboxChannel,
  params: SandboxParams,
): SandboxReply {
  const template = templateFor(state, channel, params.idtemplate);
  if (template === undefined) return { error: 'NOT_ACCESS_TO_TEMPLATE' };
  const values = parsePairs(params.params ?? '');
  if (values === undefined) return { error: INVALID_PARAMETER };
  const text = channel.fromTemplate(template, values);
  return sendOne(state, params, {
    channel: channel.name,
    destination: params.to,
    text,
    credits: channel.credits(text),
  });
}

/**
 * Sends to every contact of a group that has its main field: mobile numbers get `countrycode` in front,
 * e-mail groups use the address. `textFor` builds each contact's text. All or nothing: NO_CREDITS when the
 * balance does not cover every message.
 */
export function sendToGroup(
  state: SandboxState,
  channel: SandboxChannel,
  params: SandboxParams,
  textFor: (contact: Readonly<Record<string, string>>) => string,
): SandboxReply {
  const group = groupFor(state, channel, params.idgroup);
  if (group === undefined) return { error: 'NOT_ACCESS_TO_GROUP' };
  const sendAt = scheduleOf(params, state);
  if (sendAt === null) return { error: INVALID_PARAMETER };
  const prefix = group.type === 'mobile' ? (params.countrycode ?? '') : '';
  const messages = [...group.contacts.values()]
    .filter((contact) => Boolean(contact[group.type]))
    .map((contact): OutgoingMessage => {
      const text = textFor(contact);
      return {
        channel: channel.name,
        destination: prefix + contact[group.type],
        text,
        credits: channel.credits(text),
      };
    });
  const credits = messages.reduce((sum, message) => sum + message.credits, 0);
  if (!state.charge(credits)) return { error: 'NO_CREDITS' };
  const recorded = record(state, messages, sendAt);
  return {
    result: {
      id: state.nextId('bulk'),
      count: recorded.length,
      credits,
      destinations: recorded.map((message) => ({ messageid: message.id, destination: message.destination })),
    },
  };
}

/** A template to every contact of a group, each contact's fields filling the placeholders. */
export function sendTemplateToGroup(
  state: SandboxState,
  channel: SandboxChannel,
  params: SandboxParams,
): SandboxReply {
  if (groupFor(state, channel, params.idgroup) === undefined) return { error: 'NOT_ACCESS_TO_GROUP' };
  const template = templateFor(state, channel, params.idtemplate);
  if (template === undefined) return { error: 'NOT_ACCESS_TO_TEMPLATE' };
  return sendToGroup(state, channel, params, (contact) => channel.fromTemplate(template, contact));
}

/**
 * One entry per requested id, in the order asked: the channel's own messages with their current state,
 * anything else (another channel's id, an unknown or malformed one) as NOT_FOUND.
 */
export function deliveryStatus(state: SandboxState, channel: SandboxChannel, messages: string): SandboxReply {
  const now = state.now();
  const sent = new Map(state.outbox(channel.name).map((message) => [message.id, message]));
  const result = messages.split(',').map((raw) => {
    const id = raw.trim();
    const message = sent.get(id);
    if (message === undefined) {
      return { messageid: id, [channel.textField]: '', deliverydate: '', deliverystatus: 'NOT_FOUND' };
    }
    const delivery = deliveryOf(message, now);
    return {
      messageid: id,
      [channel.textField]: message.text,
      deliverydate: delivery.deliveredAt === undefined ? '' : state.dates.format(delivery.deliveredAt),
      deliverystatus: delivery.status,
    };
  });
  return { result };
}
