import type { EnvironmentVariables } from './environment.js';

export interface VariableDoc {
  /** What the variable does (markdown, one line). */
  readonly meaning: string;
  /** Its value is a secret: never shown in errors, logs or the generated docs' defaults. */
  readonly secret?: boolean;
}

/**
 * What every environment variable means. The type makes the list complete: a variable added to
 * `EnvironmentVariables` without a line here does not compile. docs/configuration.md is generated from this
 * list, the validation rules and the defaults (`npm run docs`).
 */
export const ENVIRONMENT_DOCS: Readonly<Record<keyof EnvironmentVariables, VariableDoc>> = {
  NODE_ENV: { meaning: 'only `production` changes anything: sandbox mode then needs `GATEWAY_MODE=sandbox`' },
  GATEWAY_MODE: {
    meaning:
      '`live` (credentials required) or `sandbox` (credentials refused); absent: credentials mean live and none ' +
      'sandbox, except that with `NODE_ENV=production` an instance without credentials refuses to start. See ' +
      '[operations](operations.md)',
  },
  PORT: { meaning: 'listen port' },
  HOST: { meaning: 'listen interface' },
  AFILNET_BASE_URL: { meaning: "Afilnet's endpoint (http or https URL)" },
  AFILNET_USER: {
    meaning:
      'the Afilnet account (login); with `AFILNET_PASSWORD`: live mode; both absent: **sandbox mode** (not in ' +
      'production, see `GATEWAY_MODE`)',
  },
  AFILNET_PASSWORD: {
    meaning: "the Afilnet account's password; set together with `AFILNET_USER`",
    secret: true,
  },
  AFILNET_TIMEOUT_MS: {
    meaning: 'the one deadline of each upstream call, waiting for a connection and read retries included',
  },
  AFILNET_MAX_SOCKETS: { meaning: 'most keep-alive connections to Afilnet (calls on the wire at once)' },
  AFILNET_MAX_QUEUED: {
    meaning:
      'calls that may wait for a free connection; more, or one not started within half its deadline, answer ' +
      '`503 UPSTREAM_BUSY` and send nothing',
  },
  AFILNET_TIMEZONE: {
    meaning:
      'zone Afilnet reads `scheduledatetime` in; callers send ISO 8601 with an offset and the gateway converts',
  },
  AFILNET_READ_RETRIES: {
    meaning: 'extra attempts for reads after a transport failure; sends are never repeated',
  },
  AFILNET_BREAKER_FAILURES: { meaning: 'consecutive transport failures that open the circuit breaker' },
  AFILNET_BREAKER_COOLDOWN_MS: { meaning: 'how long an open circuit fails fast before one trial call' },
  COUNTRIES_CACHE_TTL_SECONDS: { meaning: 'how long `GET /v1/countries` is served from memory (0 disables)' },
  GATEWAY_API_KEYS: {
    meaning:
      "the callers' keys: `name:key[:scope+scope]`, comma-separated; key plain (≥ 16 characters) or " +
      '`sha256:<64 hex>`; scopes are module or Afilnet class names, or `*` (the default)',
    secret: true,
  },
  GATEWAY_AUTH: { meaning: '`disabled` runs live mode without keys (warned at every start)' },
  PROBES_ACCESS: {
    meaning: '`open`: `/health/*` and `/metrics` answer without a key; `protected`: they need one',
  },
  RATE_LIMIT_PER_MINUTE: {
    meaning: 'requests per minute per API key (per client address without one); `0` disables',
  },
  AUTH_FAILURES_PER_MINUTE: {
    meaning:
      'failed authentications (401s) per client address in a minute; past it the address gets ' +
      '`429 TOO_MANY_AUTH_FAILURES` for a minute, whatever key it sends; `0` disables',
  },
  TRUST_PROXY: {
    meaning:
      'the proxies whose `X-Forwarded-For` names the client address (for the per-address limits): a hop count ' +
      "(1–10) or comma-separated addresses or CIDR ranges; absent: the connection's own address",
  },
  IDEMPOTENCY_TTL_SECONDS: {
    meaning: 'how long a first answer is kept for retries with the same `Idempotency-Key`',
  },
  IDEMPOTENCY_MAX_ENTRIES: {
    meaning: 'most idempotency records kept in memory (least recently used go first)',
  },
  VERIFICATION_MAX_ATTEMPTS: {
    meaning:
      "checks of one destination's code (through `POST /v1/otp/verify` and its verifications together) until a " +
      'new code is sent',
  },
  VERIFICATION_MAX_STARTS: {
    meaning:
      'codes one destination may be sent in any window (`POST /v1/otp` and verification starts together); more ' +
      'answer `429 TOO_MANY_VERIFICATIONS`',
  },
  VERIFICATION_WINDOW_MINUTES: { meaning: 'that sliding window, in minutes' },
  VERIFICATION_MAX_ENTRIES: {
    meaning: 'most verifications and per-destination counters kept in memory (least recently used go first)',
  },
  OTP_MAX_VALIDITY_MINUTES: {
    meaning:
      "the longest validity `POST /v1/otp` accepts, and asks for when none is given; also how long a destination's " +
      'attempt count is kept',
  },
  HTTP_REQUEST_TIMEOUT_MS: {
    meaning:
      'how long a client has to send its whole request, headers and body; then `408` and the connection closes',
  },
  HTTP_CONNECTION_TIMEOUT_MS: {
    meaning:
      'how long a connection may stay silent before it is closed; absent: the larger of 75000 and ' +
      '`AFILNET_TIMEOUT_MS` + 10000; must exceed `AFILNET_TIMEOUT_MS` + 5000',
  },
  SHUTDOWN_DRAIN_TIMEOUT_MS: {
    meaning:
      'how long SIGTERM waits for in-flight requests before exiting anyway; absent: the longest a request can take, ' +
      '`HTTP_REQUEST_TIMEOUT_MS` + `AFILNET_TIMEOUT_MS` + 5000; shorter is refused',
  },
  CORS_ORIGINS: { meaning: 'comma-separated origins allowed by CORS; empty: CORS off' },
  LOG_LEVEL: { meaning: 'the lowest level written' },
  REDIS_URL: {
    meaning:
      'rate limits, idempotency records and verifications shared by every instance, in Redis (keys prefixed ' +
      '`afilnet-gateway:`); absent: in process memory. See [operations](operations.md)',
    secret: true,
  },
  DATABASE_URL: {
    meaning:
      '`postgres://` or `postgresql://` URL: the ledger, webhooks and batches in PostgreSQL (required for several ' +
      'instances); absent: the embedded SQLite file. See [database](database.md)',
    secret: true,
  },
  DATA_DIR: {
    meaning:
      'where the embedded SQLite file `gateway.sqlite` lives (created if missing); sandbox mode without `DATA_DIR` ' +
      'keeps the database in memory',
  },
  LEDGER_RETENTION_DAYS: {
    meaning: 'messages, their history and webhook deliveries older than this are deleted',
  },
  LEDGER_STORE_CONTENT: {
    meaning:
      '`true` keeps message texts and template params in the ledger; `false` keeps only length, segments and SHA-256',
  },
  TRACKING_FIRST_CHECK_SECONDS: {
    meaning: 'first delivery-status check after a send, or after its `scheduledAt`; then backing off',
  },
  TRACKING_MAX_HOURS: { meaning: 'tracking gives up after this (the message becomes `expired`)' },
  WEBHOOK_TIMEOUT_MS: {
    meaning:
      'deadline of one webhook delivery attempt, from connecting to the answer (a slower receiver counts as a ' +
      'failed attempt); see docs/webhooks.md',
  },
  WEBHOOK_MAX_ATTEMPTS: {
    meaning:
      'attempts before a webhook delivery is `failed`; with 12 the retries spread over about a day (the schedule ' +
      'is in docs/webhooks.md)',
  },
  CREDIT_BUDGETS: {
    meaning:
      '`name:credits` per API key name and UTC day, comma-separated (e.g. `billing:500,ops:12.5`); a caller ' +
      'without one has no budget',
  },
  AFILNET_SENDS_PER_SECOND: { meaning: 'the pace of batch sends, shared by all instances' },
};
