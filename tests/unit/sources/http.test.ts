import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient, FetchError, USER_AGENT } from "../../../src/sources/http.js";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const servers: Server[] = [];

/** A real HTTP server on a free local port; its URL ends in /feed.rss. */
async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/feed.rss`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const sourceId = "test:feed";

/** The rejection of a request that is expected to fail. */
async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof FetchError)) throw new Error(`expected a FetchError, got ${String(error)}`);
  return error;
}

describe("createHttpClient", () => {
  it("stops a request when its signal is aborted (shutdown), rejecting with the signal's reason, not a failure of the host", async () => {
    // The server sends headers, then holds the body: the request would wait for the timeout.
    const url = await serve((_request, response) => void response.writeHead(200).write("<rss>"));
    const http = createHttpClient({ timeoutMs: 60_000 });
    const stop = new AbortController();
    const request = http.get(url, { sourceId, signal: stop.signal });
    stop.abort(new Error("shutting down"));
    await expect(request).rejects.toThrow(new Error("shutting down"));
  });

  it("returns the body with its validators, then 'not-modified' when the server answers 304 to them", async () => {
    const seen: IncomingMessage["headers"][] = [];
    const url = await serve((request, response) => {
      seen.push(request.headers);
      if (request.headers["if-none-match"] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { etag: '"v1"', "last-modified": "Wed, 28 Oct 2020 21:35:29 GMT" }).end("<rss/>");
    });
    const http = createHttpClient({});

    const first = await http.get(url, { sourceId });
    expect(first).toEqual({
      status: "ok",
      body: "<rss/>",
      etag: '"v1"',
      lastModified: "Wed, 28 Oct 2020 21:35:29 GMT",
    });

    const second = await http.get(url, { sourceId, etag: '"v1"', lastModified: "Wed, 28 Oct 2020 21:35:29 GMT" });
    expect(second).toEqual({ status: "not-modified" });
    expect(seen[1]).toMatchObject({ "if-none-match": '"v1"', "if-modified-since": "Wed, 28 Oct 2020 21:35:29 GMT" });
  });

  it("sends a User-Agent naming the bot and its repository, and the Accept it is given", async () => {
    let headers: IncomingMessage["headers"] = {};
    const url = await serve((request, response) => {
      headers = request.headers;
      response.end("ok");
    });
    await createHttpClient({}).get(url, { sourceId, accept: "application/rss+xml" });
    expect(headers["user-agent"]).toBe("Jobhound/0.1 (+https://github.com/jobhound/jobhound)");
    expect(headers["user-agent"]).toBe(USER_AGENT);
    expect(headers["accept"]).toBe("application/rss+xml");
    expect(headers["if-none-match"]).toBeUndefined();
  });

  it("strips a UTF-8 byte order mark and decodes characters split across chunks", async () => {
    const url = await serve((_, response) => {
      response.write(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0xc3]));
      setTimeout(() => response.end(Buffer.from([0xa9, 0x7d])), 20);
    });
    expect(await createHttpClient({}).get(url, { sourceId })).toEqual({ status: "ok", body: "{é}" });
  });

  it("fails on a 500 with a message naming the status and the host", async () => {
    const url = await serve((_, response) => void response.writeHead(500).end("oops"));
    const error = await failure(createHttpClient({}).get(url, { sourceId }));
    expect(error.message).toBe("HTTP 500 from 127.0.0.1");
    expect(error).toMatchObject({ status: 500, sourceId, url });
    expect(error.retryAfterMs).toBeUndefined();
  });

  it("keeps Retry-After of a 503 (seconds) and a 429 (HTTP date) for the scheduler", async () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const url = await serve((request, response) => {
      if (request.url === "/busy") return void response.writeHead(503, { "retry-after": "120" }).end();
      response.writeHead(429, { "retry-after": inAMinute }).end();
    });
    const http = createHttpClient({});
    const busy = await failure(http.get(url.replace("/feed.rss", "/busy"), { sourceId }));
    expect(busy).toMatchObject({ message: "HTTP 503 from 127.0.0.1", retryAfterMs: 120_000 });
    const limited = await failure(http.get(url, { sourceId }));
    expect(limited.retryAfterMs).toBeGreaterThan(50_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("times out when the server does not answer", async () => {
    const url = await serve(() => {});
    const error = await failure(createHttpClient({ timeoutMs: 100 }).get(url, { sourceId }));
    expect(error.message).toBe("timed out after 0.1 s waiting for 127.0.0.1");
  });

  it("times out when the server stalls in the middle of the body", async () => {
    const url = await serve((_, response) => {
      response.writeHead(200);
      response.write("<rss>");
    });
    const error = await failure(createHttpClient({ timeoutMs: 150 }).get(url, { sourceId }));
    expect(error.message).toBe("timed out after 0.15 s waiting for 127.0.0.1");
  });

  it("refuses a body over the limit that its Content-Length announces", async () => {
    const url = await serve(
      (_, response) => void response.writeHead(200, { "content-length": "2048" }).end("x".repeat(2048)),
    );
    const error = await failure(createHttpClient({ maxBytes: 1024 }).get(url, { sourceId }));
    expect(error.message).toBe("response over 1 KB from 127.0.0.1");
  });

  it("stops reading a chunked body once it passes the limit", async () => {
    let written = 0;
    const url = await serve((_, response) => {
      // Without Content-Length the limit can only be noticed while reading; the server keeps going.
      const timer = setInterval(() => {
        written += 1;
        response.write("x".repeat(64 * 1024));
      }, 1);
      response.on("close", () => clearInterval(timer));
    });
    const error = await failure(createHttpClient({ maxBytes: 256 * 1024 }).get(url, { sourceId }));
    expect(error.message).toBe("response over 256 KB from 127.0.0.1");
    expect(written).toBeLessThan(100);
  });

  it("reports a refused connection as a network error naming the host", async () => {
    const url = await serve(() => {});
    const server = servers.pop();
    await new Promise((resolve) => server?.close(resolve));
    const error = await failure(createHttpClient({}).get(url, { sourceId }));
    expect(error.message).toBe("network error: ECONNREFUSED reaching 127.0.0.1");
  });

  it("uses the fetch it is given", async () => {
    const fakeFetch: typeof fetch = async () => new Response("from the fake", { status: 200 });
    expect(await createHttpClient({ fetch: fakeFetch }).get("https://example.test/x", { sourceId })).toEqual({
      status: "ok",
      body: "from the fake",
    });
  });
});
