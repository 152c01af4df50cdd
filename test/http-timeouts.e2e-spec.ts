import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { startGateway, type RunningGateway } from './support/gateway.js';

/** Opens a raw connection, writes `start`, then one more byte every `everyMs`; resolves with what came back. */
async function trickle(gateway: RunningGateway, start: string, byte: string, everyMs: number) {
  const { port } = new URL(gateway.url);
  const socket: Socket = connect(Number(port), '127.0.0.1');
  await once(socket, 'connect');
  const opened = Date.now();
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  socket.write(start);
  const drip = setInterval(() => socket.write(byte), everyMs);
  await once(socket, 'close');
  clearInterval(drip);
  return { answer, openForMs: Date.now() - opened };
}

describe('clients too slow to send their request', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ HTTP_REQUEST_TIMEOUT_MS: '1000' });
  });

  afterAll(() => gateway.close());

  it('closes a connection whose body trickles in, with 408 REQUEST_TIMEOUT, and calls nothing', async () => {
    const calls = gateway.sandbox!.requests.length;

    const { answer, openForMs } = await trickle(
      gateway,
      'POST /v1/otp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      ' ',
      100,
    );

    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
    expect(openForMs).toBeLessThan(3000);
    expect(gateway.sandbox!.requests.length).toBe(calls);
  });

  it('closes a connection that sends nothing at all', async () => {
    const { openForMs } = await trickle(gateway, '', '', 100);

    expect(openForMs).toBeLessThan(3000);
  });

  it('closes a connection whose headers trickle in', async () => {
    const { openForMs } = await trickle(gateway, 'GET /health/live HTTP/1.1\r\n', 'X-A: b\r\n', 100);

    expect(openForMs).toBeLessThan(3000);
  });
});
