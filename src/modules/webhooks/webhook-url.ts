import { BlockList, isIP } from 'node:net';

/** The longest endpoint URL accepted. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * Addresses a webhook must never reach. Loopback and private ranges stay allowed (endpoints are internal services);
 * link-local is refused because that is where cloud metadata services answer (169.254.169.254 on AWS, GCP, Azure,
 * OCI …), with the few metadata addresses that live elsewhere. IPv4-mapped IPv6 forms (`::ffff:169.254.169.254`)
 * are matched by the IPv4 rules.
 */
const FORBIDDEN_ADDRESSES = new BlockList();
FORBIDDEN_ADDRESSES.addSubnet('169.254.0.0', 16, 'ipv4');
FORBIDDEN_ADDRESSES.addSubnet('fe80::', 10, 'ipv6');
// The deprecated IPv4-compatible form and the NAT64 prefix embed an IPv4 address too.
FORBIDDEN_ADDRESSES.addSubnet('::a9fe:0', 112, 'ipv6');
FORBIDDEN_ADDRESSES.addSubnet('64:ff9b::a9fe:0', 112, 'ipv6');
// AWS's instance metadata over IPv6, and Alibaba Cloud's metadata service.
FORBIDDEN_ADDRESSES.addAddress('fd00:ec2::254', 'ipv6');
FORBIDDEN_ADDRESSES.addAddress('100.100.100.200', 'ipv4');

/**
 * Metadata services' host names, refused when an endpoint is registered. Other names that resolve to a forbidden
 * address (the short `metadata` of GCE, a DNS name pointed at 169.254.169.254) are refused when delivering.
 */
const FORBIDDEN_HOST_NAMES = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'instance-data.ec2.internal',
]);

/** Whether an IP address (v4 or v6, without brackets) is one a webhook must not reach. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return FORBIDDEN_ADDRESSES.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A URL's host as an IP address (brackets removed) or a lower-case name without a trailing dot. */
export function hostOf(url: URL): string {
  const host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) return host.slice(1, -1);
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** Why the host of a URL may not be delivered to, or undefined when it may (the name is not resolved here). */
export function forbiddenHost(url: URL): string | undefined {
  const host = hostOf(url);
  if (isForbiddenAddress(host)) return 'a link-local or cloud metadata address';
  if (FORBIDDEN_HOST_NAMES.has(host)) return 'a cloud metadata service';
  return undefined;
}

/**
 * Why a webhook URL is refused, or undefined when it is acceptable: `http` or `https`, a host, no credentials
 * (they would be stored and shown in every listing), and no link-local or metadata host. The URL is parsed as
 * WHATWG does, so other spellings of an address (`http://2852039166/`, `http://0xa9.0xfe.0xa9.0xfe/`) are
 * normalised before they are checked.
 */
export function webhookUrlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'url must be an http(s) URL';
  if (value.length > MAX_WEBHOOK_URL_LENGTH)
    return `url must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`;
  if (!URL.canParse(value)) return 'url must be an http(s) URL';
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
  if (url.username !== '' || url.password !== '') return 'url must not contain credentials (user:password@)';
  if (url.hostname === '') return 'url must name a host';
  const forbidden = forbiddenHost(url);
  return forbidden === undefined ? undefined : `url must not point at ${forbidden}`;
}
