import { AfilnetSandbox, MAX_BODY_BYTES } from './sandbox.server.js';
import type { OutboxMessage } from './sandbox.state.js';

const USER = 'tester@example.com';
const PASSWORD = 's3cret';
const CREDENTIALS = { user: USER, password: PASSWORD };
const MOBILE = '34600000000';
const EMAIL = 'someone@example.com';
const T0 = Date.parse('2026-11-26T10:00:00.000Z');

interface Envelope {
  status: string;
  result?: unknown;
  error?: string;
}

interface GeneratedOtp {
  messageid: string;
  credits: number;
  code: string;
}

describe('AfilnetSandbox over HTTP', () => {
  let sandbox: AfilnetSandbox;
  let endpoint: string;
  let clock: number;

  async function startSandbox(initialBalance?: number): Promise<void> {
    clock = T0;
    sandbox = new AfilnetSandbox({ ...CREDENTIALS, initialBalance, now: () => clock });
    endpoint = await sandbox.start();
  }

  afterEach(async () => {
    await sandbox.stop();
  });

  /** POSTs the fields as a form body, the way the gateway is meant to call Afilnet. */
  async function post(fields: Record<string, string>, url = endpoint): Promise<Envelope> {
    const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    return (await response.json()) as Envelope;
  }

  async function get(fields: Record<string, string>): Promise<Envelope> {
    const response = await fetch(`${endpoint}?${new URLSearchParams(fields).toString()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    return (await response.json()) as Envelope;
  }

  const call = (cls: string, method: string, fields: Record<string, string> = {}): Promise<Envelope> =>
    post({ ...CREDENTIALS, class: cls, method, ...fields });

  async function generate(fields: Record<string, string>): Promise<GeneratedOtp> {
    const reply = await call('otp', 'generateotp', fields);
    expect(reply).toEqual({ status: 'SUCCESS', result: expect.any(Object) });
    return reply.result as GeneratedOtp;
  }

  async function outbox(channel?: string): Promise<OutboxMessage[]> {
    const query = channel === undefined ? '' : `?channel=${channel}`;
    const response = await fetch(new URL(`/sandbox/outbox${query}`, endpoint));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    return (await response.json()) as OutboxMessage[];
  }

  describe('transport', () => {
    beforeEach(() => startSandbox());

    it('serves the endpoint URL it reports', () => {
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/http\/$/);
    });

    it('answers a GET with the parameters in the query string', async () => {
      await expect(get({ ...CREDENTIALS, class: 'user', method: 'getbalance' })).resolves.toEqual({
        status: 'SUCCESS',
        result: 100,
      });
    });

    it('answers a form POST', async () => {
      await expect(call('user', 'getbalance')).resolves.toEqual({ status: 'SUCCESS', result: 100 });
    });

    it.each(['/api/http', '/'])('also answers on %s', async (path) => {
      await expect(
        post({ ...CREDENTIALS, class: 'user', method: 'getbalance' }, new URL(path, endpoint).href),
      ).resolves.toEqual({ status: 'SUCCESS', result: 100 });
    });

    it('lets a POST body field win over the same field in the query string', async () => {
      const url = `${endpoint}?user=intruder&password=wrong&class=nope`;
      await expect(post({ ...CREDENTIALS, class: 'user', method: 'getbalance' }, url)).resolves.toEqual({
        status: 'SUCCESS',
        result: 100,
      });
    });

    it('ignores a POST body that is not a form', async () => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...CREDENTIALS, class: 'user', method: 'getbalance' }),
      });
      await expect(response.json()).resolves.toEqual({ status: 'ERROR', error: 'MISSING_USER' });
    });

    /** POSTs the fields as multipart/form-data, the way Afilnet's PHP SDK and WooCommerce plugin call it. */
    async function postMultipart(fields: Record<string, string>, extra?: (form: FormData) => void) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      extra?.(form);
      const response = await fetch(endpoint, { method: 'POST', body: form });
      expect(response.status).toBe(200);
      expect(sandbox.requests.at(-1)?.contentType).toMatch(/^multipart\/form-data; boundary=/);
      return (await response.json()) as Envelope;
    }

    it('answers a multipart/form-data POST', async () => {
      await expect(postMultipart({ ...CREDENTIALS, class: 'user', method: 'getbalance' })).resolves.toEqual({
        status: 'SUCCESS',
        result: 100,
      });
    });

    it('answers MISSING_PASSWORD to a multipart POST without the password', async () => {
      await expect(postMultipart({ user: USER, class: 'user', method: 'getbalance' })).resolves.toEqual({
        status: 'ERROR',
        error: 'MISSING_PASSWORD',
      });
    });

    it('reads multipart fields as UTF-8 and skips file parts', async () => {
      const text = 'Olá, ñandú: 10 € ✓';
      const reply = await postMultipart(
        { ...CREDENTIALS, class: 'sms', method: 'sendsms', from: 'Shop', to: MOBILE, sms: text },
        (form) => form.append('sms', new Blob(['not a field']), 'note.txt'),
      );

      expect(reply.status).toBe('SUCCESS');
      await expect(outbox('sms')).resolves.toEqual([expect.objectContaining({ destination: MOBILE, text })]);
    });

    it('reads a malformed multipart body as no fields at all', async () => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=nothing-matches' },
        body: new URLSearchParams({ ...CREDENTIALS, class: 'user', method: 'getbalance' }),
      });
      await expect(response.json()).resolves.toEqual({ status: 'ERROR', error: 'MISSING_USER' });
    });

    it('refuses a multipart body over 1 MiB with 413', async () => {
      const form = new FormData();
      for (const [name, value] of Object.entries({ ...CREDENTIALS, class: 'user', method: 'getbalance' }))
        form.append(name, value);
      form.append('padding', 'x'.repeat(MAX_BODY_BYTES));
      const response = await fetch(endpoint, { method: 'POST', body: form });
      expect(response.status).toBe(413);
      expect(sandbox.callCount('user', 'getbalance')).toBe(0);
    });

    it('refuses a body over 1 MiB with 413', async () => {
      const fields = new URLSearchParams({ ...CREDENTIALS, class: 'user', method: 'getbalance' });
      const body = `${fields.toString()}&padding=${'x'.repeat(MAX_BODY_BYTES)}`;
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(response.status).toBe(413);
      expect(sandbox.callCount('user', 'getbalance')).toBe(0);
    });

    it('accepts a body of exactly 1 MiB', async () => {
      const fields = new URLSearchParams({ ...CREDENTIALS, class: 'user', method: 'getbalance' }).toString();
      const body = `${fields}&padding=${'x'.repeat(MAX_BODY_BYTES - fields.length - '&padding='.length)}`;
      expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      await expect(response.json()).resolves.toEqual({ status: 'SUCCESS', result: 100 });
    });

    it('answers 404 in plain text for any other path', async () => {
      const response = await fetch(new URL('/api/https/', endpoint));
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      await expect(response.text()).resolves.toBe('Not Found');
    });

    it('answers 405 to HTTP verbs Afilnet does not take', async () => {
      const response = await fetch(endpoint, { method: 'PUT', body: 'class=user' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, POST');
    });
  });

  describe('protocol errors, in the order Afilnet checks them', () => {
    beforeEach(() => startSandbox());

    it.each<[string, Record<string, string>, string]>([
      ['no user at all', { class: 'user', method: 'getbalance', password: PASSWORD }, 'MISSING_USER'],
      [
        'an empty user',
        { user: '', password: PASSWORD, class: 'user', method: 'getbalance' },
        'MISSING_USER',
      ],
      ['no credentials and no class', {}, 'MISSING_USER'],
      ['no password', { user: USER, class: 'user', method: 'getbalance' }, 'MISSING_PASSWORD'],
      ['no password and no class', { user: USER }, 'MISSING_PASSWORD'],
      [
        'a wrong password',
        { user: USER, password: 'nope', class: 'user', method: 'getbalance' },
        'INCORRECT_USER_PASSWORD',
      ],
      [
        'a wrong user',
        { user: 'other', password: PASSWORD, class: 'user', method: 'getbalance' },
        'INCORRECT_USER_PASSWORD',
      ],
      [
        'a password that is a prefix',
        { user: USER, password: 's3cre', class: 'user' },
        'INCORRECT_USER_PASSWORD',
      ],
      ['no class', { ...CREDENTIALS, method: 'getbalance' }, 'MISSING_CLASS'],
      ['no method', { ...CREDENTIALS, class: 'user' }, 'MISSING_METHOD'],
      ['no method and an unknown class', { ...CREDENTIALS, class: 'fax' }, 'MISSING_METHOD'],
      ['an unknown class', { ...CREDENTIALS, class: 'fax', method: 'getbalance' }, 'INCORRECT_CLASS'],
      [
        'a class name from Object.prototype',
        { ...CREDENTIALS, class: 'constructor', method: 'name' },
        'INCORRECT_CLASS',
      ],
      ['an unknown method', { ...CREDENTIALS, class: 'user', method: 'sendsms' }, 'INCORRECT_METHOD'],
      [
        'a method name from Object.prototype',
        { ...CREDENTIALS, class: 'otp', method: 'toString' },
        'INCORRECT_METHOD',
      ],
      [
        'a missing compulsory param',
        { ...CREDENTIALS, class: 'otp', method: 'generateotp', type: 'mobile' },
        'MISSING_COMPULSORY_PARAM',
      ],
      [
        'an empty compulsory param',
        { ...CREDENTIALS, class: 'otp', method: 'generateotp', type: '', destination: MOBILE },
        'MISSING_COMPULSORY_PARAM',
      ],
      [
        'a missing param and a bad output',
        { ...CREDENTIALS, class: 'otp', method: 'verifyotp', destination: MOBILE, output: 'xml' },
        'MISSING_COMPULSORY_PARAM',
      ],
      [
        'an output other than json',
        { ...CREDENTIALS, class: 'user', method: 'getbalance', output: 'xml' },
        'INCORRECT_FORMAT',
      ],
      [
        'a bad output before the method checks',
        {
          ...CREDENTIALS,
          class: 'otp',
          method: 'generateotp',
          type: 'fax',
          destination: MOBILE,
          output: 'csv',
        },
        'INCORRECT_FORMAT',
      ],
    ])('answers %s with %s', async (_case, fields, expected) => {
      await expect(post(fields)).resolves.toEqual({ status: 'ERROR', error: expected });
    });

    it.each(['', 'json'])('accepts output=%p', async (output) => {
      await expect(call('user', 'getbalance', { output })).resolves.toEqual({
        status: 'SUCCESS',
        result: 100,
      });
    });

    it('gives the same protocol errors to a GET', async () => {
      await expect(
        get({ user: USER, password: 'nope', class: 'user', method: 'getbalance' }),
      ).resolves.toEqual({
        status: 'ERROR',
        error: 'INCORRECT_USER_PASSWORD',
      });
    });
  });

  describe('request log and call counts', () => {
    beforeEach(() => startSandbox());

    it('records credentials sent in the query string of a GET', async () => {
      await get({ ...CREDENTIALS, class: 'user', method: 'getbalance' });
      expect(sandbox.requests).toEqual([
        {
          httpMethod: 'GET',
          class: 'user',
          method: 'getbalance',
          credentialsInQuery: true,
          contentType: undefined,
        },
      ]);
    });

    it('records a POST with credentials in the body as clean', async () => {
      await call('user', 'getbalance');
      expect(sandbox.requests).toEqual([
        {
          httpMethod: 'POST',
          class: 'user',
          method: 'getbalance',
          credentialsInQuery: false,
          contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
        },
      ]);
    });

    it('flags a POST whose URL carries the password even when the body has it too', async () => {
      await post({ ...CREDENTIALS, class: 'user', method: 'getbalance' }, `${endpoint}?password=${PASSWORD}`);
      expect(sandbox.requests.map((r) => r.credentialsInQuery)).toEqual([true]);
    });

    it('counts calls per class.method, failed ones included', async () => {
      await call('user', 'getbalance');
      await call('user', 'getbalance');
      await post({ user: USER, password: 'wrong', class: 'user', method: 'getbalance' });
      await call('otp', 'generateotp', { type: 'mobile', destination: MOBILE });
      expect(sandbox.callCount('user', 'getbalance')).toBe(3);
      expect(sandbox.callCount('otp', 'generateotp')).toBe(1);
      expect(sandbox.callCount('otp', 'verifyotp')).toBe(0);
    });

    it('does not log the simulator’s own routes', async () => {
      await outbox();
      await fetch(new URL('/nowhere', endpoint));
      expect(sandbox.requests).toEqual([]);
    });
  });

  describe('otp.generateotp and otp.verifyotp', () => {
    beforeEach(() => startSandbox());

    it('generates a 6-character code by default and verifies it once', async () => {
      const otp = await generate({ type: 'mobile', destination: MOBILE });
      expect(otp).toEqual({ messageid: '1', credits: 1, code: expect.stringMatching(/^[0-9A-Z]{6}$/) });

      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: otp.code })).resolves.toEqual({
        status: 'SUCCESS',
        result: { valid: true },
      });
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: otp.code })).resolves.toEqual({
        status: 'ERROR',
        error: 'OTP_NOT_FOUND',
      });
    });

    it('answers OTP_NOT_FOUND for a destination that never got a code', async () => {
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: '123456' })).resolves.toEqual({
        status: 'ERROR',
        error: 'OTP_NOT_FOUND',
      });
    });

    it('rejects a wrong code and keeps the right one valid', async () => {
      const otp = await generate({ type: 'mobile', destination: MOBILE, otpformat: 'numbers' });
      const wrong = otp.code === '000000' ? '111111' : '000000';
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: wrong })).resolves.toEqual({
        status: 'ERROR',
        error: 'INCORRECT_OTP',
      });
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: `${otp.code}0` })).resolves.toEqual({
        status: 'ERROR',
        error: 'INCORRECT_OTP',
      });
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: otp.code })).resolves.toEqual({
        status: 'SUCCESS',
        result: { valid: true },
      });
    });

    it('compares codes case-insensitively', async () => {
      const otp = await generate({ type: 'email', destination: EMAIL, otpformat: 'letters', length: '8' });
      expect(otp.code).toMatch(/^[A-Z]{8}$/);
      await expect(
        call('otp', 'verifyotp', { destination: EMAIL, code: otp.code.toLowerCase() }),
      ).resolves.toEqual({ status: 'SUCCESS', result: { valid: true } });
    });

    it('expires a code after its validity and then forgets it', async () => {
      const otp = await generate({ type: 'mobile', destination: MOBILE, time: '5', timetype: 'minutes' });
      clock = T0 + 5 * 60_000;
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: otp.code })).resolves.toEqual({
        status: 'ERROR',
        error: 'OTP_EXPIRED',
      });
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: otp.code })).resolves.toEqual({
        status: 'ERROR',
        error: 'OTP_NOT_FOUND',
      });
    });

    it.each<[Record<string, string>, number]>([
      [{}, 24 * 3_600_000],
      [{ time: '2', timetype: 'hours' }, 2 * 3_600_000],
      [{ time: '1', timetype: 'weeks' }, 7 * 24 * 3_600_000],
      [{ time: '1', timetype: 'months' }, 30 * 24 * 3_600_000],
      [{ time: '1', timetype: 'years' }, 365 * 24 * 3_600_000],
    ])('keeps a code with %p valid for %d ms', async (validity, ms) => {
      const otp = await generate({ type: 'mobile', destination: MOBILE, ...validity });
      clock = T0 + ms - 1;
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: 'WRONG!' })).resolves.toEqual({
        status: 'ERROR',
        error: 'INCORRECT_OTP',
      });
      clock = T0 + ms;
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: otp.code })).resolves.toEqual({
        status: 'ERROR',
        error: 'OTP_EXPIRED',
      });
    });

    it('replaces an older pending code for the same destination', async () => {
      const first = await generate({
        type: 'mobile',
        destination: MOBILE,
        otpformat: 'numbers',
        length: '10',
      });
      const second = await generate({
        type: 'mobile',
        destination: MOBILE,
        otpformat: 'numbers',
        length: '10',
      });
      expect(second.messageid).toBe('2');
      expect(second.code).not.toBe(first.code);
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: first.code })).resolves.toEqual({
        status: 'ERROR',
        error: 'INCORRECT_OTP',
      });
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: second.code })).resolves.toEqual({
        status: 'SUCCESS',
        result: { valid: true },
      });
    });

    it.each<[string, RegExp]>([
      ['numbers', /^\d{4}$/],
      ['letters', /^[A-Z]{4}$/],
      ['all', /^[0-9A-Z]{4}$/],
    ])('draws otpformat=%s codes from its alphabet', async (otpformat, pattern) => {
      const otp = await generate({ type: 'email', destination: EMAIL, otpformat, length: '4' });
      expect(otp.code).toMatch(pattern);
    });

    it.each<[string, Record<string, string>]>([
      ['INCORRECT_TYPE', { type: 'fax', destination: MOBILE }],
      ['INCORRECT_TYPE', { type: 'number', destination: MOBILE }],
      ['INCORRECT_TYPE', { type: 'mobile', destination: '+34600000000' }],
      ['INCORRECT_TYPE', { type: 'mobile', destination: '1234567' }],
      ['INCORRECT_TYPE', { type: 'mobile', destination: '1234567890123456' }],
      ['INCORRECT_TYPE', { type: 'mobile', destination: EMAIL }],
      ['INCORRECT_TYPE', { type: 'email', destination: MOBILE }],
      ['INCORRECT_TIME_TYPE', { timetype: 'seconds' }],
      ['INCORRECT_TIME_TYPE', { timetype: 'constructor' }],
      ['INCORRECT_TIME_TYPE', { time: '0' }],
      ['INCORRECT_TIME_TYPE', { time: '-1' }],
      ['INCORRECT_TIME_TYPE', { time: '1.5' }],
      ['INCORRECT_TIME_TYPE', { time: 'soon' }],
      ['INCORRECT_OTP_FORMAT', { length: '3' }],
      ['INCORRECT_OTP_FORMAT', { length: '11' }],
      ['INCORRECT_OTP_FORMAT', { length: 'six' }],
      ['INCORRECT_OTP_FORMAT', { otpformat: 'hex' }],
    ])('answers %s to %p without charging', async (error, fields) => {
      await expect(
        call('otp', 'generateotp', { type: 'mobile', destination: MOBILE, ...fields }),
      ).resolves.toEqual({ status: 'ERROR', error });
      await expect(call('user', 'getbalance')).resolves.toEqual({ status: 'SUCCESS', result: 100 });
      await expect(outbox()).resolves.toEqual([]);
    });

    it('accepts the bounds of every option', async () => {
      for (const length of ['4', '10']) {
        const otp = await generate({ type: 'mobile', destination: '12345678', length });
        expect(otp.code).toHaveLength(Number(length));
      }
      await generate({ type: 'mobile', destination: '123456789012345' });
      await generate({
        type: 'email',
        destination: EMAIL,
        time: '',
        timetype: '',
        length: '',
        otpformat: '',
      });
    });
  });

  describe('credits', () => {
    it('charges one credit per mobile OTP, visible in user.getbalance', async () => {
      await startSandbox();
      await generate({ type: 'mobile', destination: MOBILE });
      await expect(call('user', 'getbalance')).resolves.toEqual({ status: 'SUCCESS', result: 99 });
    });

    it('sends e-mail OTPs for free', async () => {
      await startSandbox();
      await expect(generate({ type: 'email', destination: EMAIL })).resolves.toMatchObject({ credits: 0 });
      await expect(call('user', 'getbalance')).resolves.toEqual({ status: 'SUCCESS', result: 100 });
    });

    it('answers NO_CREDITS once the balance runs out, storing and sending nothing', async () => {
      await startSandbox(1);
      const paid = await generate({ type: 'mobile', destination: MOBILE });
      await expect(
        call('otp', 'generateotp', { type: 'mobile', destination: '34611111111' }),
      ).resolves.toEqual({
        status: 'ERROR',
        error: 'NO_CREDITS',
      });
      await expect(call('user', 'getbalance')).resolves.toEqual({ status: 'SUCCESS', result: 0 });
      await expect(
        call('otp', 'verifyotp', { destination: '34611111111', code: paid.code }),
      ).resolves.toEqual({
        status: 'ERROR',
        error: 'OTP_NOT_FOUND',
      });
      expect((await outbox()).map((m) => m.destination)).toEqual([MOBILE]);
      await expect(generate({ type: 'email', destination: EMAIL })).resolves.toMatchObject({ credits: 0 });
    });
  });

  describe('inspection routes', () => {
    beforeEach(() => startSandbox());

    it('lists the outbox newest first, filtered by channel', async () => {
      const sms = await generate({ type: 'mobile', destination: MOBILE });
      clock = T0 + 1000;
      const mail = await generate({ type: 'email', destination: EMAIL });

      const expected: OutboxMessage[] = [
        {
          id: mail.messageid,
          channel: 'otp',
          destination: EMAIL,
          text: `Your verification code is ${mail.code}`,
          createdAt: '2026-11-26T10:00:01.000Z',
          credits: 0,
        },
        {
          id: sms.messageid,
          channel: 'otp',
          destination: MOBILE,
          text: `Your verification code is ${sms.code}`,
          createdAt: '2026-11-26T10:00:00.000Z',
          credits: 1,
        },
      ];
      await expect(outbox()).resolves.toEqual(expected);
      await expect(outbox('otp')).resolves.toEqual(expected);
      await expect(outbox('sms')).resolves.toEqual([]);
    });

    it('resets the account with POST /sandbox/reset', async () => {
      const otp = await generate({ type: 'mobile', destination: MOBILE });
      const response = await fetch(new URL('/sandbox/reset', endpoint), { method: 'POST' });
      expect(response.status).toBe(204);

      await expect(outbox()).resolves.toEqual([]);
      await expect(call('user', 'getbalance')).resolves.toEqual({ status: 'SUCCESS', result: 100 });
      await expect(call('otp', 'verifyotp', { destination: MOBILE, code: otp.code })).resolves.toEqual({
        status: 'ERROR',
        error: 'OTP_NOT_FOUND',
      });
      await expect(generate({ type: 'email', destination: EMAIL })).resolves.toMatchObject({
        messageid: '1',
      });
    });

    it('lists the addresses in the order they were added, until a reset', async () => {
      const addresses = async (): Promise<unknown> => {
        const response = await fetch(new URL('/sandbox/addresses', endpoint));
        expect([response.status, response.headers.get('content-type')]).toEqual([200, 'application/json']);
        return response.json();
      };
      await call('user', 'addaddress', { namelastname: 'Ana García', iscompany: '0', zipcode: '28013' });
      clock = T0 + 1000;
      await call('user', 'addaddress', { namelastname: 'Luis', iscompany: '1', companyname: 'Example S.L.' });

      await expect(addresses()).resolves.toEqual([
        expect.objectContaining({ id: '1', name: 'Ana García', isCompany: false, zipCode: '28013' }),
        expect.objectContaining({
          id: '2',
          isCompany: true,
          companyName: 'Example S.L.',
          createdAt: '2026-11-26T10:00:01.000Z',
        }),
      ]);
      await fetch(new URL('/sandbox/reset', endpoint), { method: 'POST' });
      await expect(addresses()).resolves.toEqual([]);
    });

    it('only takes GET on the outbox and the addresses, and POST on reset', async () => {
      const [wrongOutbox, wrongAddresses, wrongReset] = await Promise.all([
        fetch(new URL('/sandbox/outbox', endpoint), { method: 'DELETE' }),
        fetch(new URL('/sandbox/addresses', endpoint), { method: 'POST' }),
        fetch(new URL('/sandbox/reset', endpoint)),
      ]);
      expect([wrongOutbox.status, wrongAddresses.status, wrongReset.status]).toEqual([405, 405, 405]);
    });
  });

  describe('lifecycle', () => {
    it('stops promptly with a keep-alive connection open, and can start again', async () => {
      await startSandbox();
      await call('user', 'getbalance');
      await sandbox.stop();
      await expect(fetch(endpoint)).rejects.toThrow();

      endpoint = await sandbox.start();
      await expect(call('user', 'getbalance')).resolves.toEqual({ status: 'SUCCESS', result: 100 });
    });

    it('refuses to start twice', async () => {
      await startSandbox();
      await expect(sandbox.start()).rejects.toThrow('already started');
    });

    it('rejects start when the port is taken', async () => {
      await startSandbox();
      const port = Number(new URL(endpoint).port);
      const other = new AfilnetSandbox(CREDENTIALS);
      await expect(other.start(port)).rejects.toThrow(/EADDRINUSE/);
    });
  });
});
