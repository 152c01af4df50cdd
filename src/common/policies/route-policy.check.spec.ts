import { Controller, Get, Post } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AnyKey, Probe, Scopes } from './policy.decorators.js';
import { RoutePolicyCheck } from './route-policy.check.js';

@Scopes('sms')
@Controller('declared-on-class')
class DeclaredOnClass {
  @Get()
  list(): string {
    return 'ok';
  }
}

@Controller('declared-per-route')
class DeclaredPerRoute {
  @Get('a')
  @AnyKey()
  a(): string {
    return 'ok';
  }

  @Get('b')
  @Probe()
  b(): string {
    return 'ok';
  }

  /** Not a route: needs no policy. */
  helper(): string {
    return 'not routed';
  }
}

@Controller('forgotten')
class Forgotten {
  @Get()
  @Scopes('otp')
  fine(): string {
    return 'ok';
  }

  @Post()
  forgot(): string {
    return 'ok';
  }
}

async function init(...controllers: (new () => unknown)[]): Promise<void> {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers,
    providers: [RoutePolicyCheck],
  }).compile();
  try {
    await module.init();
  } finally {
    await module.close();
  }
}

describe('RoutePolicyCheck', () => {
  it('accepts routes that declare their callers on the class or the handler', async () => {
    await expect(init(DeclaredOnClass, DeclaredPerRoute)).resolves.toBeUndefined();
  });

  it('refuses to start when a route declares no caller policy, naming it', async () => {
    await expect(init(DeclaredOnClass, Forgotten)).rejects.toThrow(
      'Routes without a caller policy (@Scopes, @AnyKey, @Probe or @AfilnetOperation): Forgotten.forgot',
    );
  });
});
