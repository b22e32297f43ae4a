/**
 * A job board on 127.0.0.1: serves whatever payload a test sets for a path, counts requests, and
 * can answer with an error status. Tests point SOURCES at it, so no test reaches the internet.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeBoard {
  url(path: string): string;
  serve(path: string, body: string, contentType?: string): void;
  fail(path: string, status: number): void;
  requests(path: string): number;
  close(): Promise<void>;
}

export async function startFakeBoard(): Promise<FakeBoard> {
  const routes = new Map<string, { status: number; body: string; contentType: string }>();
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const route = routes.get(path);
    if (!route) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(route.status, { "content-type": route.contentType }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    serve(path, body, contentType = "application/rss+xml; charset=utf-8") {
      routes.set(path, { status: 200, body, contentType });
    },
    fail(path, status) {
      routes.set(path, { status, body: "<html>error</html>", contentType: "text/html" });
    },
    requests: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
