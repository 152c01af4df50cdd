import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { scopesFor } from '../auth/api-key.registry.js';
import { AFILNET_OPERATION, operation, type OperationName } from '../afilnet/afilnet-operations.js';

/**
 * What a route needs, declared on the route and read by the global guards and interceptor (never inferred
 * from its documentation). Every route declares who may call it — `@Scopes`, `@AnyKey`, `@Probe` or
 * `@AfilnetOperation` — or the application refuses to start (`RoutePolicyCheck`).
 */
export const SCOPES = 'gateway:scopes';
export const PROBE_ROUTE = 'gateway:probe-route';
export const IDEMPOTENT = 'gateway:idempotent';

/** `@AnyKey()`: the scope list that any known key satisfies. */
export const ANY_KEY: readonly string[] = Object.freeze([]);

/** A key needs one of these scopes (a `*` key passes every route). */
export const Scopes = (...scopes: [string, ...string[]]): ClassDecorator & MethodDecorator =>
  SetMetadata(SCOPES, scopes);

/** Any known key may call; what each key sees is limited to what it owns. */
export const AnyKey = (): ClassDecorator & MethodDecorator => SetMetadata(SCOPES, ANY_KEY);

/** Health and metrics: open to probes and scrapers without a key unless `PROBES_ACCESS=protected`; never rate-limited. */
export const Probe = (): ClassDecorator & MethodDecorator => SetMetadata(PROBE_ROUTE, true);

/**
 * The catalog operation a handler performs: links the route to `AFILNET_OPERATIONS` and requires a key scoped to
 * the operation's Afilnet class (or its module's name).
 */
export const AfilnetOperation = (name: OperationName): MethodDecorator =>
  applyDecorators(
    SetMetadata(AFILNET_OPERATION, name),
    SetMetadata(SCOPES, scopesFor(operation(name).class)),
  );

/**
 * `Idempotency-Key` applies (API.md §5): a retry with the same key and body gets the first answer back without
 * doing the work twice. Documents the header; the route lists `IDEMPOTENCY_FAILURES` among its problem responses.
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes a retry safe: the same key (1–255 visible ASCII characters) with the same body within 24 h returns ' +
        'the first answer with `Idempotency-Replayed: true` and no second upstream call; while the first is in ' +
        'flight, 409; with another body, 422. Keys are per API key. A refusal before any work (validation, a 429 ' +
        'limit, a 503 with nothing sent, a connection to Afilnet that could not be made) is not kept, so the retry ' +
        'runs.',
    }),
  );
