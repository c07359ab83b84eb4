/**
 * Where webhooks may be sent. In production only https, and never to an
 * address inside a private network (the functions run in AWS: a webhook to
 * 169.254.169.254 or 10.x would let an admin's URL reach what the internet
 * cannot). The same check runs on the address a name resolves to when a
 * delivery connects (functions/src/integrations/deliver.ts), so a name that
 * later points inside is refused too. Running locally (and in tests) http to
 * this machine is allowed, for a receiver on localhost.
 */
export interface UrlPolicy {
  /** http://localhost, http://127.0.0.1 and http://[::1] are allowed (the local runtime and tests only). */
  allowLoopback: boolean;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function ipv4Parts(address: string): number[] | null {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.map(Number);
}

function privateIpv4([a, b]: number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, the instance metadata service
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a! >= 224 // multicast, reserved, broadcast
  );
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail included), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const v4Tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (v4Tail) {
    const v4 = ipv4Parts(v4Tail[1]!);
    if (!v4) return null;
    const hex = (high: number, low: number) => ((high << 8) | low).toString(16);
    text = `${text.slice(0, -v4Tail[1]!.length)}${hex(v4[0]!, v4[1]!)}:${hex(v4[2]!, v4[3]!)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (half: string) =>
    half === '' ? [] : half.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  // `::` stands for one or more zero groups.
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  const groups = [...head, ...Array<number>(Math.max(0, fill)).fill(0), ...rest];
  if (fill < 0 || (halves.length === 2 && fill < 1)) return null;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : null;
}

/**
 * Whether an IP address (v4 or v6, without brackets) is not a public internet
 * address: private, loopback, link-local, unique-local, multicast, reserved,
 * or an IPv4 one of those mapped into IPv6. Anything unparseable counts as
 * private (refused).
 */
export function isPrivateAddress(address: string): boolean {
  const v4 = ipv4Parts(address);
  if (v4) return privateIpv4(v4);
  const groups = ipv6Groups(address.replace(/^\[|\]$/g, '').split('%')[0]!);
  if (!groups) return true;
  const [g0, , , , , g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  if (groups.slice(0, 7).every((g) => g === 0) && g7 <= 1) return true; // :: and ::1
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d): judge the IPv4 address inside.
  const mapped = groups.slice(0, 5).every((g) => g === 0) && g5 === 0xffff;
  const nat64 = g0 === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (mapped || nat64) return privateIpv4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  return (
    (g0 & 0xfe00) === 0xfc00 || // unique local
    (g0 & 0xffc0) === 0xfe80 || // link-local
    (g0 & 0xff00) === 0xff00 || // multicast
    (g0 === 0x2001 && groups[1] === 0x0db8) // documentation
  );
}

const isIpLiteral = (hostname: string) => ipv4Parts(hostname) !== null || hostname.startsWith('[');

/** Why a URL cannot be a webhook endpoint, or null when it can. */
export function webhookUrlProblem(raw: string, policy: UrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  const loopback = LOOPBACK_NAMES.has(url.hostname);
  if (loopback && policy.allowLoopback && (url.protocol === 'http:' || url.protocol === 'https:')) return null;
  if (url.protocol !== 'https:') return 'must use https';
  if (loopback || url.hostname.endsWith('.localhost') || !url.hostname.includes('.')) {
    return 'must be a public internet address';
  }
  if (isIpLiteral(url.hostname) && isPrivateAddress(url.hostname)) return 'must be a public internet address';
  return null;
}
