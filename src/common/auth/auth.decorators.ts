import { SetMetadata } from '@nestjs/common';

export const PROBE_ROUTE = 'gateway:probe-route';
export const REQUIRED_SCOPE = 'gateway:required-scope';

/** Health and metrics: open to probes and scrapers without a key unless `PROBES_ACCESS=protected`. */
export const Probe = (): ClassDecorator & MethodDecorator => SetMetadata(PROBE_ROUTE, true);

/**
 * The scope a gateway-only route needs (routes that call Afilnet get theirs from the operation catalog).
 * A route with neither needs a `*` key.
 */
export const RequireScope = (scope: string): ClassDecorator & MethodDecorator =>
  SetMetadata(REQUIRED_SCOPE, scope);
