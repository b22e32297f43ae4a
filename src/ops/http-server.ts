/**
 * The HTTP server (HTTP_PORT, HTTP_HOST): GET /healthz and GET /metrics, and the routes platform
 * plug-ins add for their webhooks (PlatformContext.http). Bound to 127.0.0.1 by default: metrics
 * are for the operator, not the internet; a platform's webhook needs a proxy in front.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpHandler, HttpRoutes } from "../adapters/platform.js";
import type { Logger } from "../core/logger.js";
import type { Health } from "./health.js";

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

export interface OpsRoutes {
  health(): Promise<Health>;
  metrics(): Promise<{ contentType: string; text: string }>;
  /** Platform routes by path, any method. */
  platforms?: ReadonlyMap<string, HttpHandler>;
}

/** Where plug-ins add their routes before the server starts. */
export function platformRoutes(): HttpRoutes & { routes: ReadonlyMap<string, HttpHandler> } {
  const routes = new Map<string, HttpHandler>();
  return {
    routes,
    add(path, handler) {
      if (routes.has(path) || path === "/healthz" || path === "/metrics") throw new Error(`route ${path} is taken`);
      routes.set(path, handler);
    },
  };
}

export async function startOpsServer(host: string, port: number, routes: OpsRoutes, log: Logger): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const answer = async () => {
      const platform = routes.platforms?.get(path);
      if (platform) return platform(request, response);
      if (request.method !== "GET" && request.method !== "HEAD")
        return response.writeHead(405, { allow: "GET, HEAD" }).end();
      if (path === "/healthz") {
        const { status, body } = await routes.health();
        return response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      }
      if (path === "/metrics") {
        const { contentType, text } = await routes.metrics();
        return response.writeHead(200, { "content-type": contentType }).end(text);
      }
      return response.writeHead(404, { "content-type": "text/plain" }).end("not found: try /healthz or /metrics\n");
    };
    answer().catch((error: unknown) => {
      log.error({ path, error }, "ops endpoint failed");
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  log.info({ host, port: bound }, "health and metrics endpoint listening");
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
