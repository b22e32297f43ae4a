/**
 * Which redirects a fetch follows (issue #14): at most MAX_REDIRECTS, only to http(s), and a
 * redirect to another host or port never to a loopback, private, link-local, unique-local or
 * unspecified address, checked on every address the name resolves to. The configured URL itself
 * is the operator's choice and is not checked.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export const MAX_REDIRECTS = 5;

/** Resolves a host name to all its addresses (node:dns lookup unless a test passes its own). */
export type Lookup = (host: string) => Promise<string[]>;

export const systemLookup: Lookup = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map(({ address }) => address);

const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  INTERNAL.addSubnet(net, prefix, "ipv4");
// IPv4-mapped addresses (::ffff:127.0.0.1) are matched against the IPv4 rules by BlockList itself.
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fe80::", 10],
  ["fc00::", 7],
] as const)
  INTERNAL.addSubnet(net, prefix, "ipv6");

/** Whether an IP address is one a redirect may not lead to. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && INTERNAL.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * Why the redirect from `from` (the configured URL) to `to` may not be followed, or undefined.
 * Runs before any connection to `to`.
 */
export async function refusedRedirect(from: URL, to: URL, lookup: Lookup): Promise<string | undefined> {
  if (to.protocol !== "http:" && to.protocol !== "https:") return `redirect to a ${to.protocol} URL refused`;
  if (to.hostname === from.hostname && portOf(to) === portOf(from)) return undefined;
  const host = to.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await lookup(host);
  const internal = addresses.find(isInternalAddress);
  return internal === undefined ? undefined : `redirect to internal address ${internal} refused`;
}

function portOf(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}
