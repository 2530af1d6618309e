import dns from "node:dns/promises";
import net from "node:net";

/**
 * Addresses a webhook may not reach unless the operator allows them (WEBHOOK_ALLOW_HOSTS):
 * loopback, private (RFC 1918, unique-local), link-local (cloud metadata at 169.254.169.254),
 * carrier-grade NAT, "this network", multicast, reserved and documentation ranges, and their
 * IPv4-mapped IPv6 forms.
 */
const BLOCKED_V4 = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const;
const BLOCKED_V6 = [
  ["::", 128], ["::1", 128], ["::ffff:0:0", 96], ["64:ff9b::", 96], ["100::", 64], ["2001::", 23], ["2001:db8::", 32],
  ["fc00::", 7], ["fe80::", 10], ["ff00::", 8],
] as const;

const blocked = new net.BlockList();
for (const [address, prefix] of BLOCKED_V4) blocked.addSubnet(address, prefix, "ipv4");
for (const [address, prefix] of BLOCKED_V6) blocked.addSubnet(address, prefix, "ipv6");

/** What the operator allows besides public addresses: host names, addresses and subnets. */
export interface AllowList {
  hosts: Set<string>;
  addresses: net.BlockList;
}

/** Parses WEBHOOK_ALLOW_HOSTS entries: `receiver.internal`, `10.1.2.3`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
export function parseAllowList(entries: string[]): AllowList {
  const hosts = new Set<string>();
  const addresses = new net.BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const family = net.isIP(address ?? "");
    if (family === 0) hosts.add(entry.toLowerCase());
    else if (prefix === undefined) addresses.addAddress(address!, family === 4 ? "ipv4" : "ipv6");
    else addresses.addSubnet(address!, Number(prefix), family === 4 ? "ipv4" : "ipv6");
  }
  return { hosts, addresses };
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`), else the address itself. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/** Whether an address is public, or allowed by the operator. */
export function addressAllowed(address: string, allow: AllowList): boolean {
  const plain = unmapped(address);
  const family = net.isIP(plain) === 6 ? "ipv6" : "ipv4";
  if (allow.addresses.check(plain, family)) return true;
  return !blocked.check(plain, family);
}

export type Destination =
  | { ok: true; url: URL; address: string; family: 4 | 6 }
  | { ok: false; reason: "url" | "scheme" | "dns" | "private" };

/**
 * Where a webhook may be sent: an https URL (http only to a host or address the operator
 * allows) whose host RESOLVES to an allowed address. Every resolved address is checked (a name
 * with one private address among public ones is refused), and the request is then made to the
 * checked address itself, so a second lookup (DNS rebinding) cannot send it elsewhere.
 */
export async function resolveDestination(raw: string, allow: AllowList, lookup = defaultLookup): Promise<Destination> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "url" };
  }
  if (url.username || url.password) return { ok: false, reason: "url" };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const named = allow.hosts.has(host);
  const literal = net.isIP(host);
  const explicitlyAllowed = named || (literal !== 0 && allow.addresses.check(unmapped(host), literal === 6 ? "ipv6" : "ipv4"));
  if (url.protocol !== "https:" && !(url.protocol === "http:" && explicitlyAllowed)) return { ok: false, reason: "scheme" };
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = literal !== 0 ? [{ address: host, family: literal }] : await lookup(host);
  } catch {
    return { ok: false, reason: "dns" };
  }
  if (addresses.length === 0) return { ok: false, reason: "dns" };
  if (!named && !addresses.every((a) => addressAllowed(a.address, allow))) return { ok: false, reason: "private" };
  const first = addresses[0]!;
  return { ok: true, url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

async function defaultLookup(host: string): Promise<Array<{ address: string; family: number }>> {
  return dns.lookup(host, { all: true, verbatim: true });
}
