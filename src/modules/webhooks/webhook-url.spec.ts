import { isForbiddenAddress, webhookUrlProblem } from './webhook-url.js';

describe('webhook URL rules', () => {
  it.each([
    'https://billing.internal.example/hooks/afilnet',
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://[::1]:3000/hook',
    'http://10.1.2.3/hook',
    'http://192.168.0.10/hook',
    'http://172.16.0.1/hook',
    'https://hooks.example.com/x?token=abc',
    'HTTPS://Hooks.Example.com/',
  ])('accepts %s (loopback and private hosts included)', (url) => {
    expect(webhookUrlProblem(url)).toBeUndefined();
  });

  it.each([
    ['ftp://files.example.com/', 'url must use http or https'],
    ['javascript:alert(1)', 'url must use http or https'],
    ['file:///etc/passwd', 'url must use http or https'],
    ['not a url', 'url must be an http(s) URL'],
    ['', 'url must be an http(s) URL'],
    ['https://user:secret@hooks.example.com/', 'url must not contain credentials (user:password@)'],
    ['https://user@hooks.example.com/', 'url must not contain credentials (user:password@)'],
    [
      'http://169.254.169.254/latest/meta-data/',
      'url must not point at a link-local or cloud metadata address',
    ],
    ['http://169.254.0.1/', 'url must not point at a link-local or cloud metadata address'],
    ['http://169.254.169.254./', 'url must not point at a link-local or cloud metadata address'],
    ['http://2852039166/', 'url must not point at a link-local or cloud metadata address'],
    ['http://0xa9.0xfe.0xa9.0xfe/', 'url must not point at a link-local or cloud metadata address'],
    ['http://[fe80::1]/', 'url must not point at a link-local or cloud metadata address'],
    ['http://[febf:ffff::1]/', 'url must not point at a link-local or cloud metadata address'],
    ['http://[::ffff:169.254.169.254]/', 'url must not point at a link-local or cloud metadata address'],
    ['http://[::ffff:a9fe:a9fe]/', 'url must not point at a link-local or cloud metadata address'],
    ['http://[fd00:ec2::254]/', 'url must not point at a link-local or cloud metadata address'],
    ['http://100.100.100.200/', 'url must not point at a link-local or cloud metadata address'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'url must not point at a cloud metadata service'],
    ['http://METADATA.GOOGLE.INTERNAL./', 'url must not point at a cloud metadata service'],
    ['http://metadata.goog/', 'url must not point at a cloud metadata service'],
  ])('refuses %s', (url, problem) => {
    expect(webhookUrlProblem(url)).toBe(problem);
  });

  it('refuses a URL over 2048 characters and anything that is not a string', () => {
    expect(webhookUrlProblem(`https://example.com/${'a'.repeat(2030)}`)).toBe(
      'url must be at most 2048 characters',
    );
    expect(webhookUrlProblem(42)).toBe('url must be an http(s) URL');
  });

  it('tells forbidden addresses from allowed ones, IPv4-mapped forms included', () => {
    const forbidden = [
      '169.254.169.254',
      'fe80::abcd',
      '::ffff:169.254.1.1',
      '64:ff9b::a9fe:a9fe',
      'fd00:ec2::254',
    ];
    const allowed = [
      '127.0.0.1',
      '::1',
      '10.0.0.1',
      'fd00::1',
      '::ffff:10.0.0.1',
      'fec0::1',
      '8.8.8.8',
      'example',
    ];
    expect(forbidden.filter((address) => !isForbiddenAddress(address))).toEqual([]);
    expect(allowed.filter(isForbiddenAddress)).toEqual([]);
  });
});
