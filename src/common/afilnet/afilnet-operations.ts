import type { AfilnetErrorCode } from './afilnet-error-table.js';

/**
 * How sure we are of an upstream name and its parameters (see shared/afilnet-api/README.md):
 * `documented` — read in Afilnet's parameter table; `partial` — page seen but incomplete;
 * `inferred` — taken from Afilnet's SDKs or patterned on a documented sibling.
 */
export type Confidence = 'documented' | 'partial' | 'inferred';

/**
 * `read` operations change nothing upstream and may be repeated; `send` and `write` operations must never be
 * repeated behind the caller's back (a repeated send is a second message).
 */
export type OperationKind = 'read' | 'send' | 'write';

export interface AfilnetOperation {
  readonly class: string;
  readonly method: string;
  readonly confidence: Confidence;
  readonly kind: OperationKind;
  /** The parameters Afilnet marks compulsory (gateway names): a call without one does not compile. */
  readonly required: readonly string[];
  /** The gateway's parameter name → the Afilnet form field it is sent as. */
  readonly params: Readonly<Record<string, string>>;
  /** Afilnet error codes specific to this method, beyond the common ones every method can answer. */
  readonly errors: readonly AfilnetErrorCode[];
  /**
   * Error codes that are an answer rather than a failure (a rejected one-time code is a normal outcome),
   * with the reason the gateway reports for each.
   */
  readonly answers?: Readonly<Record<string, string>>;
  /**
   * Gateway parameters whose Afilnet field name is provisional: not read on this method's page but guessed by
   * analogy with a sibling method. The README's table of unverified names and the OpenAPI description list them.
   */
  readonly provisional?: readonly string[];
  /** What is guessed about this operation, and why (markdown): rendered into docs/upstream-fidelity.md. */
  readonly notes?: string;
}

/**
 * The one catalog of upstream operations: every Afilnet class, method and parameter name the gateway sends
 * lives here, so a wrong guess about an undocumented method is a one-line fix.
 */
export const AFILNET_OPERATIONS = {
  'otp.generate': {
    class: 'otp',
    method: 'generateotp',
    confidence: 'documented',
    kind: 'send',
    required: ['type', 'destination'],
    params: {
      type: 'type',
      destination: 'destination',
      validity: 'time',
      validityUnit: 'timetype',
      length: 'length',
      format: 'otpformat',
    },
    errors: [
      'INCORRECT_TYPE',
      'INCORRECT_TIME_TYPE',
      'INCORRECT_FORMAT',
      'INCORRECT_OTP_FORMAT',
      'NO_CREDITS',
    ],
    notes:
      '`timetype` values `minutes` and `hours` come from a newer page than the seed (which lists days…years). Whether Afilnet returns the code is unclear; the gateway drops it either way.',
  },
  'otp.verify': {
    class: 'otp',
    method: 'verifyotp',
    confidence: 'partial',
    kind: 'write',
    required: ['destination', 'code'],
    params: { destination: 'destination', code: 'code' },
    errors: [],
    // How Afilnet signals a rejected code is not documented, so any error but a protocol or account one is read
    // as a rejected code (src/modules/otp/otp-rejection.ts). These are the simulator's codes, with their reasons.
    answers: { INCORRECT_OTP: 'incorrect_code', OTP_EXPIRED: 'expired', OTP_NOT_FOUND: 'not_found' },
    notes:
      "The parameter page was incomplete and how a rejected code is signalled is not documented. The gateway fails closed: every Afilnet error except the protocol and account ones (`MISSING_*`, `INCORRECT_USER_PASSWORD`, `INCORRECT_CLASS`, `INCORRECT_METHOD`) is a rejected code (`valid:false`, `reason: rejected`); `INCORRECT_OTP`, `OTP_EXPIRED` and `OTP_NOT_FOUND` — the simulator's names, not Afilnet's — keep specific reasons.",
  },
  // Messaging channels. Every from-template send can also answer NOT_ACCESS_TO_TEMPLATE: only the single
  // SMS page lists it, but a template id can be unknown whichever method carries it.
  'sms.send': {
    class: 'sms',
    method: 'sendsms',
    confidence: 'documented',
    kind: 'send',
    required: ['from', 'to', 'sms'],
    params: { from: 'from', to: 'to', sms: 'sms', scheduledAt: 'scheduledatetime' },
    errors: ['NO_ROUTE_AVAILABLE', 'NO_CREDITS'],
  },
  'sms.sendFromTemplate': {
    class: 'sms',
    method: 'sendsmsfromtemplate',
    confidence: 'documented',
    kind: 'send',
    required: ['to', 'templateId'],
    params: { to: 'to', templateId: 'idtemplate', params: 'params', scheduledAt: 'scheduledatetime' },
    errors: ['NO_ROUTE_AVAILABLE', 'NO_CREDITS', 'NOT_ACCESS_TO_TEMPLATE'],
  },
  'sms.sendToGroup': {
    class: 'sms',
    method: 'sendsmstogroup',
    confidence: 'documented',
    kind: 'send',
    required: ['from', 'countryCode', 'groupId', 'sms'],
    params: {
      from: 'from',
      countryCode: 'countrycode',
      groupId: 'idgroup',
      sms: 'sms',
      scheduledAt: 'scheduledatetime',
    },
    errors: ['NOT_ACCESS_TO_GROUP', 'NO_CREDITS'],
  },
  'sms.sendToGroupFromTemplate': {
    class: 'sms',
    method: 'sendsmstogroupfromtemplate',
    confidence: 'documented',
    kind: 'send',
    required: ['countryCode', 'groupId', 'templateId'],
    params: {
      countryCode: 'countrycode',
      groupId: 'idgroup',
      templateId: 'idtemplate',
      scheduledAt: 'scheduledatetime',
    },
    errors: ['NOT_ACCESS_TO_GROUP', 'NOT_ACCESS_TO_TEMPLATE', 'NO_CREDITS'],
    notes:
      'Its page lists `NOT_ACCESS_TO_GROUP` and `NO_CREDITS` only; `NOT_ACCESS_TO_TEMPLATE` is assumed for an unknown template id (and for the voice and e-mail siblings).',
  },
  'sms.status': {
    class: 'sms',
    method: 'getdeliverystatus',
    confidence: 'documented',
    kind: 'read',
    required: ['ids'],
    params: { ids: 'messages' },
    errors: [],
  },
  'voice.send': {
    class: 'voice',
    method: 'sendvoice',
    confidence: 'documented',
    kind: 'send',
    required: ['to', 'from', 'message'],
    params: {
      to: 'to',
      from: 'from',
      message: 'message',
      language: 'language',
      scheduledAt: 'scheduledatetime',
    },
    errors: ['NO_ROUTE_AVAILABLE', 'NO_CREDITS'],
  },
  'voice.sendFromTemplate': {
    class: 'voice',
    method: 'sendvoicefromtemplate',
    confidence: 'inferred',
    kind: 'send',
    required: ['to', 'templateId'],
    params: { to: 'to', templateId: 'idtemplate', params: 'params', scheduledAt: 'scheduledatetime' },
    errors: ['NO_ROUTE_AVAILABLE', 'NO_CREDITS', 'NOT_ACCESS_TO_TEMPLATE'],
    notes:
      "No official page: method name and parameters (`to`, `idtemplate`, `params`, `scheduledatetime`) come from Afilnet's SDKs. The result (`messageid`, `credits`) and the error codes (`NO_ROUTE_AVAILABLE`, `NO_CREDITS`, `NOT_ACCESS_TO_TEMPLATE`) are assumed from the SMS sibling.",
  },
  'voice.sendToGroup': {
    class: 'voice',
    method: 'sendvoicetogroup',
    confidence: 'inferred',
    kind: 'send',
    required: ['countryCode', 'groupId', 'message'],
    params: {
      countryCode: 'countrycode',
      groupId: 'idgroup',
      message: 'message',
      scheduledAt: 'scheduledatetime',
    },
    errors: ['NOT_ACCESS_TO_GROUP', 'NO_CREDITS'],
    notes:
      'From the SDKs (`countrycode`, `idgroup`, `message`, `scheduledatetime`). Whether `from`/`language` are accepted is unknown, so they are not sent. The result is assumed shaped like `sms.sendsmstogroup`.',
  },
  'voice.sendToGroupFromTemplate': {
    class: 'voice',
    method: 'sendvoicetogroupfromtemplate',
    confidence: 'inferred',
    kind: 'send',
    required: ['countryCode', 'groupId', 'templateId'],
    params: {
      countryCode: 'countrycode',
      groupId: 'idgroup',
      templateId: 'idtemplate',
      scheduledAt: 'scheduledatetime',
    },
    errors: ['NOT_ACCESS_TO_GROUP', 'NOT_ACCESS_TO_TEMPLATE', 'NO_CREDITS'],
    notes:
      'From the SDKs (`countrycode`, `idgroup`, `idtemplate`, `scheduledatetime`); result assumed like the SMS bulk result.',
  },
  'voice.status': {
    class: 'voice',
    method: 'getdeliverystatus',
    confidence: 'inferred',
    kind: 'read',
    required: ['ids'],
    params: { ids: 'messages' },
    errors: [],
    notes:
      'From the SDKs (`messages`). The result is assumed to mirror the SMS variant (`messageid`, `deliverydate`, `deliverystatus`).',
  },
  'email.send': {
    class: 'email',
    method: 'sendemail',
    confidence: 'documented',
    kind: 'send',
    required: ['to', 'subject', 'email'],
    params: {
      to: 'to',
      subject: 'subject',
      email: 'email',
      attachments: 'attachments',
      scheduledAt: 'scheduledatetime',
    },
    errors: ['NO_ROUTE_AVAILABLE', 'NO_CREDITS'],
    notes:
      '`attachments` (a JSON string `[{"url","name"}]`) appears only in newer code examples; its row in the parameter table was not seen.',
  },
  'email.sendFromTemplate': {
    class: 'email',
    method: 'sendemailfromtemplate',
    confidence: 'inferred',
    kind: 'send',
    required: ['to', 'templateId'],
    params: { to: 'to', templateId: 'idtemplate', params: 'params', scheduledAt: 'scheduledatetime' },
    errors: ['NO_ROUTE_AVAILABLE', 'NO_CREDITS', 'NOT_ACCESS_TO_TEMPLATE'],
    notes:
      'From the SDKs (`to`, `idtemplate`, `params`, `scheduledatetime`); result and errors assumed like `email.sendemail`, plus `NOT_ACCESS_TO_TEMPLATE`.',
  },
  'email.sendToGroup': {
    class: 'email',
    method: 'sendemailtogroup',
    confidence: 'inferred',
    kind: 'send',
    required: ['subject', 'groupId', 'email'],
    params: { subject: 'subject', groupId: 'idgroup', email: 'email', scheduledAt: 'scheduledatetime' },
    errors: ['NOT_ACCESS_TO_GROUP', 'NO_CREDITS'],
    notes:
      'From the SDKs (`subject`, `idgroup`, `email`, `scheduledatetime`; unlike SMS, no `countrycode`). The result is assumed shaped like `sms.sendsmstogroup`.',
  },
  'email.sendToGroupFromTemplate': {
    class: 'email',
    method: 'sendemailtogroupfromtemplate',
    confidence: 'inferred',
    kind: 'send',
    required: ['groupId', 'templateId'],
    params: { groupId: 'idgroup', templateId: 'idtemplate', scheduledAt: 'scheduledatetime' },
    errors: ['NOT_ACCESS_TO_GROUP', 'NOT_ACCESS_TO_TEMPLATE', 'NO_CREDITS'],
    notes:
      'From the SDKs (`idgroup`, `idtemplate`, `scheduledatetime`); result assumed like the SMS bulk result.',
  },
  'email.status': {
    class: 'email',
    method: 'getdeliverystatus',
    confidence: 'inferred',
    kind: 'read',
    required: ['ids'],
    params: { ids: 'messages' },
    errors: [],
    notes: 'From the SDKs (`messages`); result assumed to mirror the SMS variant.',
  },
  // WhatsApp and chat pages list CHANNEL_NOT_FOUND only; NO_CREDITS is listed because every message is paid.
  'whatsapp.sendMessage': {
    class: 'whatsapp',
    method: 'sendmessage',
    confidence: 'documented',
    kind: 'send',
    required: ['channelId', 'to', 'message'],
    params: { channelId: 'platformid', to: 'destination', message: 'message' },
    errors: ['CHANNEL_NOT_FOUND', 'NO_CREDITS'],
    notes:
      'No result values are documented: `messageId` and `credits` are null unless Afilnet sends them. Only `CHANNEL_NOT_FOUND` is listed; `NO_CREDITS` is assumed possible.',
  },
  'whatsapp.sendFile': {
    class: 'whatsapp',
    method: 'sendfile',
    // The method name is confirmed; its parameter table was never seen, so every field name is a guess.
    confidence: 'inferred',
    kind: 'send',
    required: ['channelId', 'to', 'fileUrl'],
    params: {
      channelId: 'platformid',
      to: 'destination',
      fileUrl: 'url',
      fileName: 'filename',
      caption: 'caption',
    },
    errors: ['CHANNEL_NOT_FOUND', 'NO_CREDITS'],
    notes:
      "Only the method name is confirmed; the parameter table was never seen. `platformid` and `destination` follow `whatsapp.sendmessage`; `url`, `filename` and `caption` are the gateway's guesses (from e-mail attachments' `url`/`name`). The result is undocumented, so `messageId`/`credits` may be null.",
  },
  'chat.channels': {
    class: 'chat',
    method: 'getchatchannels',
    confidence: 'documented',
    kind: 'read',
    required: [],
    params: {},
    errors: [],
  },
  'chat.sendMessage': {
    class: 'chat',
    method: 'sendmessage',
    confidence: 'partial',
    kind: 'send',
    required: ['platform', 'channelId', 'destination', 'message'],
    params: { platform: 'platform', channelId: 'platformid', destination: 'destination', message: 'message' },
    errors: ['CHANNEL_NOT_FOUND', 'NO_CREDITS'],
    notes:
      'The parameter table was cut after `destination`; `message` comes from the example URL. The result and errors were not seen; `CHANNEL_NOT_FOUND` and `NO_CREDITS` are assumed as for WhatsApp.',
  },
  'user.balance': {
    class: 'user',
    method: 'getbalance',
    confidence: 'documented',
    kind: 'read',
    required: [],
    params: {},
    errors: [],
  },
  'user.addAddress': {
    class: 'user',
    method: 'addaddress',
    confidence: 'partial',
    kind: 'write',
    required: ['name', 'isCompany'],
    params: {
      name: 'namelastname',
      isCompany: 'iscompany',
      companyName: 'companyname',
      documentId: 'documentid',
      countryCode: 'countrycode',
      cityId: 'cityid',
      cityName: 'cityname',
      zipCode: 'zipcode',
      address: 'address',
    },
    // The page's table was cut after companyname; the address fields are named as subaccount.addsubaccount,
    // which takes the same namelastname/iscompany/companyname, names its own.
    provisional: ['documentId', 'countryCode', 'cityId', 'cityName', 'zipCode', 'address'],
    errors: [],
    notes:
      "The page's table was cut after `namelastname`, `iscompany` and `companyname`. Provisional field names, by analogy with `subaccount.addsubaccount`: `documentid`, `countrycode` (sent as a lower-case ISO 3166-1 alpha-2 code, as that page shows it), `cityid`, `cityname`, `zipcode`, `address`. The result is not documented: the new id is read from `idaddress` or `id` (or a bare id), anything else is kept in `raw`.",
  },
  // Groups: only creategroup and modifycontact have a readable page; the other names follow API.md §2,
  // patterned on modifycontact (`idgroup`, `idcontact`, `contact` as `field:value,…`).
  'group.create': {
    class: 'group',
    method: 'creategroup',
    confidence: 'documented',
    kind: 'write',
    required: ['name', 'type', 'fields'],
    params: { name: 'name', type: 'type', fields: 'fields' },
    errors: ['INCORRECT_TYPE', 'MISSING_MAIN_FIELD'],
    notes: 'The new group id (`result.id`) is not documented; null if absent.',
  },
  'group.fields': {
    class: 'group',
    method: 'getfields',
    confidence: 'inferred',
    kind: 'read',
    required: ['groupId'],
    params: { groupId: 'idgroup' },
    errors: ['NOT_ACCESS_TO_GROUP'],
    notes:
      'Method name (API.md, patterned on `modifycontact`), `idgroup`, and the result (a list of names, or objects with `name`).',
  },
  'group.addField': {
    class: 'group',
    method: 'addfield',
    confidence: 'inferred',
    kind: 'write',
    required: ['groupId', 'field'],
    params: { groupId: 'idgroup', field: 'field' },
    errors: ['NOT_ACCESS_TO_GROUP', 'INCORRECT_FIELD'],
    notes: 'Method name, `idgroup`, `field`.',
  },
  'group.deleteField': {
    class: 'group',
    method: 'deletefield',
    confidence: 'inferred',
    kind: 'write',
    required: ['groupId', 'field'],
    params: { groupId: 'idgroup', field: 'field' },
    errors: ['NOT_ACCESS_TO_GROUP', 'MISSING_MAIN_FIELD', 'INCORRECT_FIELD'],
    notes: 'Method name, `idgroup`, `field`.',
  },
  'group.assignCountry': {
    class: 'group',
    method: 'assigncountry',
    confidence: 'inferred',
    kind: 'write',
    // `countrycode` as the group sends (sms.sendsmstogroup) name the dialling code.
    required: ['groupId', 'countryCode'],
    params: { groupId: 'idgroup', countryCode: 'countrycode' },
    errors: ['NOT_ACCESS_TO_GROUP'],
    notes: 'Method name, `idgroup`, `countrycode` (named as in the group sends).',
  },
  'group.contacts': {
    class: 'group',
    method: 'getcontacts',
    confidence: 'inferred',
    kind: 'read',
    required: ['groupId'],
    params: { groupId: 'idgroup', page: 'page', pageSize: 'pagesize' },
    errors: ['NOT_ACCESS_TO_GROUP'],
    notes:
      'Method name, `idgroup`, `page`/`pagesize` and the result shape (a list or `{list,total}`; each contact `{idcontact, fields}` or flat). If Afilnet sends the whole list, the gateway cuts the page itself.',
  },
  'group.addContact': {
    class: 'group',
    method: 'addcontact',
    confidence: 'inferred',
    kind: 'write',
    required: ['groupId', 'contact'],
    params: { groupId: 'idgroup', contact: 'contact' },
    errors: ['NOT_ACCESS_TO_GROUP', 'MISSING_MAIN_FIELD', 'INCORRECT_FIELD'],
    notes:
      'Method name, `idgroup`, `contact` as `field:value,…` (the form template `params` use), and the new id as `result.id`.',
  },
  'group.modifyContact': {
    class: 'group',
    method: 'modifycontact',
    confidence: 'documented',
    kind: 'write',
    required: ['groupId', 'contactId', 'contact'],
    params: { groupId: 'idgroup', contactId: 'idcontact', contact: 'contact' },
    // The page's error table is cut off after MISSING_USER; these are the group siblings' codes.
    errors: ['NOT_ACCESS_TO_GROUP', 'NOT_ACCESS_TO_CONTACT', 'MISSING_MAIN_FIELD', 'INCORRECT_FIELD'],
    notes:
      "The layout of `contact` is not shown on Afilnet's page; `field:value,…` is a choice. The page says the data is overwritten; the sandbox merges. Its error table is cut off.",
  },
  'group.deleteContact': {
    class: 'group',
    method: 'deletecontact',
    confidence: 'inferred',
    kind: 'write',
    required: ['groupId', 'contactId'],
    params: { groupId: 'idgroup', contactId: 'idcontact' },
    errors: ['NOT_ACCESS_TO_GROUP', 'NOT_ACCESS_TO_CONTACT'],
    notes: 'Method name, `idgroup`, `idcontact`.',
  },
  'group.deleteContactByMain': {
    class: 'group',
    method: 'deletecontactfromgroup',
    confidence: 'inferred',
    kind: 'write',
    // The contact is named by its main field in the same `field:value` form, e.g. `mobile:600000001`.
    required: ['groupId', 'contact'],
    params: { groupId: 'idgroup', contact: 'contact' },
    errors: ['NOT_ACCESS_TO_GROUP', 'NOT_ACCESS_TO_CONTACT', 'MISSING_MAIN_FIELD'],
    notes: 'Method name, and the contact named by its main field in `contact` as `mobile:…` / `email:…`.',
  },
  'template.list': {
    class: 'template',
    method: 'gettemplates',
    confidence: 'partial',
    kind: 'read',
    required: [],
    params: { type: 'type' },
    errors: ['INCORRECT_TYPE'],
    notes:
      '`type` filter seen, truncated; the result (entries with `idtemplate`/`id`, `title`, `message`, `type`) is a guess.',
  },
  'template.add': {
    class: 'template',
    method: 'addtemplate',
    confidence: 'documented',
    kind: 'write',
    required: ['title', 'message', 'type'],
    params: { title: 'title', message: 'message', type: 'type' },
    errors: ['INCORRECT_TYPE'],
    notes: 'The new template id (`result.id`) is not documented; null if absent.',
  },
  'template.delete': {
    class: 'template',
    method: 'deletetemplate',
    confidence: 'partial',
    kind: 'write',
    required: ['templateId'],
    params: { templateId: 'idtemplate' },
    errors: ['NOT_ACCESS_TO_TEMPLATE'],
    notes:
      'Method name from the URL slug only; `idtemplate`; `NOT_ACCESS_TO_TEMPLATE` by analogy with the template sends.',
  },
  'hlr.check': {
    class: 'hlr',
    method: 'checkhlr',
    confidence: 'inferred',
    kind: 'read',
    // Comma-separated like getdeliverystatus's `messages`; `destination` as in Afilnet's newer methods.
    required: ['numbers'],
    params: { numbers: 'destination' },
    errors: [],
    notes:
      'Class and method; all numbers comma-separated in `destination`; the answer fields (`valid`, `network`/`operator`, `mcc`, `mnc`, `ported`, `roaming`, as booleans, 0/1 or words).',
  },
  'country.list': {
    class: 'country',
    method: 'getcountries',
    confidence: 'inferred',
    kind: 'read',
    required: [],
    params: {},
    errors: [],
    notes:
      'Class and method; entries with an ISO code (`iso`/`code`/`countrycode`), `name`, a dialling code (`prefix`/`dialcode`/`phonecode`/`countrycode`) and `price`.',
  },
  'event.list': {
    class: 'event',
    method: 'getevents',
    confidence: 'inferred',
    kind: 'read',
    required: [],
    params: { from: 'datefrom', to: 'dateto', type: 'type', page: 'page', pageSize: 'pagesize' },
    errors: [],
    notes:
      'Class and method; `datefrom`/`dateto` (`yyyy-mm-dd hh:mm:ss` in `AFILNET_TIMEZONE`), `type`, `page`, `pagesize`; result `{list,total}` with `idevent`, `type`, `date`, `detail`.',
  },
} as const satisfies Record<string, AfilnetOperation>;

export type OperationName = keyof typeof AFILNET_OPERATIONS;

/** Route metadata naming the catalog operation a handler performs (read by auth, idempotency and docs). */
export const AFILNET_OPERATION = 'afilnet:operation';

/** `undefined` and `null` are not sent: optional JSON fields may arrive as `null`, which means "not given". */
export type ParamValue = string | number | boolean | null | undefined;

type Catalogued<N extends OperationName> = (typeof AFILNET_OPERATIONS)[N];
type RequiredParam<N extends OperationName> = Catalogued<N>['required'][number] &
  keyof Catalogued<N>['params'];

/**
 * The parameters one operation accepts, by the gateway's names: the compulsory ones must be given a value
 * (`const p: OperationParams<'sms.send'> = {}` does not compile), the others may be absent or null.
 */
export type OperationParams<N extends OperationName> = {
  readonly [K in RequiredParam<N>]: string | number | boolean;
} & {
  readonly [K in Exclude<keyof Catalogued<N>['params'], RequiredParam<N>>]?: ParamValue;
};

export function operation(name: OperationName): AfilnetOperation {
  return AFILNET_OPERATIONS[name];
}

/** The Afilnet form fields of an operation whose names are provisional (see `AfilnetOperation.provisional`). */
export function provisionalFields(name: OperationName): string[] {
  const op = operation(name);
  return (op.provisional ?? []).map((param) => op.params[param]);
}

/** `"class.method"` exactly as sent upstream, e.g. `"otp.generateotp"`. */
export function upstreamName(name: OperationName): string {
  const op = operation(name);
  return `${op.class}.${op.method}`;
}
