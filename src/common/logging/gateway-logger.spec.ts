import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger as PinoLogger } from 'pino';
import { GatewayLogger, RequestLoggerBinding } from './gateway-logger.js';

/** A pino logger at `trace` whose lines the test reads back. */
function capture(): { lines: Record<string, unknown>[]; logger: PinoLogger } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { lines, logger };
}

describe('GatewayLogger', () => {
  it("writes Nest's log levels as pino levels, with the logger's context", () => {
    const { lines, logger } = capture();
    const gateway = new GatewayLogger(logger);

    gateway.verbose('v', 'Ctx');
    gateway.debug('d', 'Ctx');
    gateway.log('l', 'Ctx');
    gateway.warn('w', 'Ctx');
    gateway.error('e', 'Ctx');
    gateway.fatal('f', 'Ctx');
    gateway.log('no context');

    expect(lines.map(({ level, context, msg }) => [level, context, msg])).toEqual([
      [10, 'Ctx', 'v'],
      [20, 'Ctx', 'd'],
      [30, 'Ctx', 'l'],
      [40, 'Ctx', 'w'],
      [50, 'Ctx', 'e'],
      [60, 'Ctx', 'f'],
      [30, undefined, 'no context'],
    ]);
  });

  it('merges an object message into the line, and writes an Error as err', () => {
    const { lines, logger } = capture();
    const gateway = new GatewayLogger(logger);

    gateway.warn({ msg: 'circuit open', circuit: 'open' }, 'AfilnetCircuit');
    gateway.error(new Error('boom'), 'Gateway');

    expect(lines[0]).toMatchObject({
      level: 40,
      context: 'AfilnetCircuit',
      msg: 'circuit open',
      circuit: 'open',
    });
    expect(lines[1]).toMatchObject({
      level: 50,
      context: 'Gateway',
      err: { message: 'boom', type: 'Error' },
    });
  });

  it("keeps the stack of Nest's error(message, stack, context) calls as err", () => {
    const { lines, logger } = capture();

    new GatewayLogger(logger).error(
      'Unhandled',
      'Error: Unhandled\n    at somewhere (file.js:1:1)',
      'Handler',
    );

    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'Handler',
      err: { message: 'Unhandled', stack: 'Error: Unhandled\n    at somewhere (file.js:1:1)' },
    });
  });

  it('is what `new Logger(context)` writes through once the application uses it', () => {
    const { lines, logger } = capture();
    Logger.overrideLogger(new GatewayLogger(logger));

    new Logger('AfilnetHttpService').debug({
      msg: 'afilnet call',
      afilnet: 'sms.sendsms',
      outcome: 'success',
    });
    Logger.overrideLogger(false);

    expect(lines).toEqual([
      expect.objectContaining({ context: 'AfilnetHttpService', afilnet: 'sms.sendsms', outcome: 'success' }),
    ]);
  });

  it("writes on the request's own logger where a request is bound, on the root logger elsewhere", async () => {
    const { lines, logger } = capture();
    const gateway = new GatewayLogger(logger);
    const request = { log: logger.child({ reqId: 'req-7' }) } as unknown as IncomingMessage;

    await new Promise<void>((resolve) =>
      new RequestLoggerBinding().use(request, {} as ServerResponse, () => {
        void Promise.resolve().then(() => {
          gateway.debug('inside', 'Service');
          resolve();
        });
      }),
    );
    gateway.debug('outside', 'Service');

    expect(lines.map(({ reqId, msg }) => [reqId, msg])).toEqual([
      ['req-7', 'inside'],
      [undefined, 'outside'],
    ]);
  });

  it('keeps two applications apart: each writes to its own root logger', () => {
    const first = capture();
    const second = capture();

    new GatewayLogger(first.logger).log('to the first', 'A');
    new GatewayLogger(second.logger).log('to the second', 'B');

    expect([first.lines.map((line) => line.msg), second.lines.map((line) => line.msg)]).toEqual([
      ['to the first'],
      ['to the second'],
    ]);
  });
});
