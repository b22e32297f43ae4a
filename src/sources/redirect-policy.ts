/**
 * Which redirects a fetch follows (issue #14): at most MAX_REDIRECTS, only to http(s), and a
 * redirect to another host or port never to a loopback, private, link-local, unique-local or
 * unspecified address, checked on every address the name resolves to. The configured URL itself
 * is the operator's choice and is not checked.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { Agent } from "undici";

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

/** A redirect refused (with the reason for /sources), or allowed: to `addresses` if they were checked. */
export type RedirectVerdict = { refusal: string } | { refusal?: undefined; addresses?: string[] };

/**
 * Whether the redirect from `from` (the configured URL) to `to` may be followed. Runs before any
 * connection to `to`; when the name's addresses were checked, the connection must go to those
 * (pinnedDispatcher), or a second DNS answer could lead elsewhere (DNS rebinding).
 */
export async function checkRedirect(from: URL, to: URL, lookup: Lookup): Promise<RedirectVerdict> {
  if (to.protocol !== "http:" && to.protocol !== "https:")
    return { refusal: `redirect to a ${to.protocol} URL refused` };
  if (to.hostname === from.hostname && portOf(to) === portOf(from)) return {};
  const host = to.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isInternalAddress(host) ? { refusal: `redirect to internal address ${host} refused` } : {};
  const addresses = await lookup(host);
  const internal = addresses.find(isInternalAddress);
  if (internal !== undefined) return { refusal: `redirect to internal address ${internal} refused` };
  if (addresses.length === 0) return { refusal: `redirect to ${host}, which has no address, refused` };
  return { addresses };
}

/**
 * A dispatcher for fetch's `dispatcher` option whose connections resolve every name to `addresses`
 * only (the ones checkRedirect approved), whatever DNS would answer now. TLS still checks the
 * certificate against the URL's host name.
 */
export function pinnedDispatcher(addresses: readonly string[]): Agent {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  return new Agent({
    connect: {
      lookup(_host, options, callback) {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = entries.filter(({ family }) => wanted === 0 || family === wanted);
        if (usable.length === 0) {
          callback(Object.assign(new Error("no checked address of that family"), { code: "ENOTFOUND" }), "", 0);
          return;
        }
        if (options.all) (callback as unknown as (error: null, all: typeof usable) => void)(null, usable);
        else callback(null, (usable[0] as (typeof usable)[0]).address, (usable[0] as (typeof usable)[0]).family);
      },
    },
  });
}

function portOf(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}
