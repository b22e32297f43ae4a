/** Redirects that would reach internal addresses are refused before any connection (issue #14). */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, FetchError } from "../../../src/sources/http.js";
import { pinnedDispatcher } from "../../../src/sources/redirect-policy.js";

let server: Server;
let port: number;
let otherPort: number;
let other: Server;

beforeAll(async () => {
  // /to?url=X answers 302 to X; /loop redirects to itself; /ok answers 200.
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/ok") response.end("fine");
    else if (url.pathname === "/loop") response.writeHead(302, { location: "/loop" }).end();
    else response.writeHead(302, { location: url.searchParams.get("url") ?? "/ok" }).end();
  });
  other = createServer((_, response) => response.end("other"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  otherPort = (other.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  other.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => other.close(resolve));
});

/** A client that records every URL it fetches, and resolves names from `names`. */
function recordingClient(names: Record<string, string[]> = {}) {
  const fetched: string[] = [];
  const http = createHttpClient({
    fetch: (input, init) => {
      fetched.push(String(input));
      return globalThis.fetch(input, init);
    },
    lookup: async (host) => names[host] ?? [],
  });
  return { http, fetched };
}

describe("the redirect policy", () => {
  it.each([
    ["http://127.0.0.1:OTHER/", "127.0.0.1"],
    ["http://10.0.0.1/", "10.0.0.1"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["http://[::ffff:127.0.0.1]:OTHER/", "::ffff:7f00:1"],
  ])("refuses a redirect to %s before connecting, naming the address", async (target, address) => {
    const { http, fetched } = recordingClient();
    const location = encodeURIComponent(target.replace("OTHER", String(otherPort)));
    const source = `http://127.0.0.1:${port}/to?url=${location}`;
    const error = await http.get(source, { sourceId: "test" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toContain(`redirect to internal address ${address} refused`);
    expect(fetched).toEqual([source]);
  });

  it("refuses a name that resolves to an internal address", async () => {
    const { http, fetched } = recordingClient({ "metadata.test": ["203.0.113.5", "10.1.2.3"] });
    const source = `http://127.0.0.1:${port}/to?url=${encodeURIComponent("http://metadata.test/")}`;
    const error = (await http.get(source, { sourceId: "test" }).catch((e: unknown) => e)) as FetchError;
    expect(error.message).toContain("internal address 10.1.2.3");
    expect(fetched).toHaveLength(1);
  });

  it("follows a redirect on the configured host and port, which is the operator's choice", async () => {
    const { http } = recordingClient();
    const source = `http://127.0.0.1:${port}/to?url=${encodeURIComponent("/ok")}`;
    expect(await http.get(source, { sourceId: "test" })).toMatchObject({ status: "ok", body: "fine" });
  });

  it("refuses a redirect to another scheme, and more than 5 redirects", async () => {
    const { http } = recordingClient();
    const ftp = `http://127.0.0.1:${port}/to?url=${encodeURIComponent("ftp://example.test/")}`;
    await expect(http.get(ftp, { sourceId: "test" })).rejects.toThrow("redirect to a ftp: URL refused");
    const loop = `http://127.0.0.1:${port}/loop`;
    await expect(http.get(loop, { sourceId: "test" })).rejects.toThrow("more than 5 redirects");
  });
});

describe("the connection after a checked redirect (DNS rebinding)", () => {
  it("goes to the checked addresses, whatever the name resolves to now", async () => {
    // rebound.invalid has no DNS answer at all: only the pinned lookup can lead to the server.
    const dispatcher = pinnedDispatcher(["127.0.0.1"]);
    const init: RequestInit = {};
    Object.assign(init, { dispatcher });
    const response = await fetch(`http://rebound.invalid:${otherPort}/`, init);
    expect(await response.text()).toBe("other");
    await dispatcher.close();
  });

  it("is made through a dispatcher pinned to the addresses the policy checked, resolved once", async () => {
    const lookups: string[] = [];
    const hops: { url: string; dispatcher: unknown }[] = [];
    const http = createHttpClient({
      fetch: async (input, init) => {
        hops.push({ url: String(input), dispatcher: (init as { dispatcher?: unknown }).dispatcher });
        if (hops.length === 1) return new Response(null, { status: 302, headers: { location: "http://jobs.test/" } });
        return new Response("pinned");
      },
      // A rebinding name: public when checked, loopback if asked again.
      lookup: async (host) => {
        lookups.push(host);
        return lookups.length === 1 ? ["203.0.113.7"] : ["127.0.0.1"];
      },
    });
    expect(await http.get(`http://127.0.0.1:${port}/to`, { sourceId: "test" })).toMatchObject({ body: "pinned" });
    expect(lookups).toEqual(["jobs.test"]);
    expect(hops[0]?.dispatcher).toBeUndefined();
    // The second hop goes through a pinned Agent (the test above shows what it connects to).
    expect(hops[1]?.dispatcher).toBeInstanceOf(Agent);
  });
});
