// Where a webhook may point. Only http(s); and, unless the operator allows it (WEBHOOKS_ALLOW_PRIVATE_TARGETS),
// never at this machine, the private network or the cloud metadata service: an admin of one org must not be
// able to make the server probe the LAN it runs in. The check runs when an endpoint is saved and again on
// every connection, on the address actually connected to, so a DNS name that changes to a private address
// later (DNS rebinding) is still refused.
import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 127], // unspecified and loopback
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["2001:db8::", 32], // documentation
  ["64:ff9b::", 96], // NAT64: an IPv4 address in disguise
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv6");

/** True for an address on this machine, a private network or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // BlockList also matches IPv4-mapped IPv6 (::ffff:127.0.0.1) against the IPv4 ranges.
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

export type TargetProblem = "private" | "unresolvable";

type Resolve = (hostname: string) => Promise<string[]>;
const resolveAll: Resolve = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Why a URL may not be a webhook target, or null when it may. */
export async function targetProblem(
  url: string,
  opts: { allowPrivateTargets: boolean; resolve?: Resolve },
): Promise<TargetProblem | null> {
  if (opts.allowPrivateTargets) return null;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isPrivateAddress(host) ? "private" : null;
  if (LOCAL_NAMES.test(host.replace(/\.$/, ""))) return "private";
  let addresses: string[];
  try {
    addresses = await (opts.resolve ?? resolveAll)(host);
  } catch {
    return "unresolvable";
  }
  if (addresses.length === 0) return "unresolvable";
  return addresses.some(isPrivateAddress) ? "private" : null;
}

export class PrivateTargetError extends Error {
  readonly code = "EPRIVATETARGET";
}

/** For http.request: resolve as usual, but refuse to connect when any address of the name is private. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad)
      return callback(new PrivateTargetError(`${hostname} resolves to a private address (${bad.address})`), "", 0);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
    if (options.all) (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    else callback(null, first.address, first.family);
  });
};
