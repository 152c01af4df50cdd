import { Injectable, type OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PROBE_ROUTE, SCOPES } from './policy.decorators.js';

/**
 * Refuses to start an application with a route that does not say who may call it: without this, a route that
 * forgot its `@Scopes` would silently need a `*` key (or, worse, a later default would open it).
 */
@Injectable()
export class RoutePolicyCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const undeclared = this.discovery.getControllers().flatMap(({ metatype, instance }) => {
      if (metatype === null || instance === undefined) return [];
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = prototype[name] as () => unknown;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) return [];
        const targets = [handler, metatype];
        const declared =
          this.reflector.getAllAndOverride<unknown>(SCOPES, targets) !== undefined ||
          this.reflector.getAllAndOverride<boolean>(PROBE_ROUTE, targets) === true;
        return declared ? [] : [`${metatype.name}.${name}`];
      });
    });
    if (undeclared.length > 0) {
      throw new Error(
        `Routes without a caller policy (@Scopes, @AnyKey, @Probe or @AfilnetOperation): ${undeclared.join(', ')}`,
      );
    }
  }
}
