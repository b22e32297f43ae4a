/**
 * A load balancer in front of several copies of the bot: one URL, each request forwarded to the
 * next copy in turn (method, path, headers and body), its answer passed back. A copy that does not
 * answer (not started yet, or killed) gets the request's turn skipped: the next copy takes it.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobinProxy {
  /** The one URL, e.g. http://127.0.0.1:PORT */
  url: string;
  /** Which copy (index into the targets) answered each request, in order. */
  answeredBy: number[];
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `targets`: the copies' base URLs (http://127.0.0.1:PORT). */
export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const answeredBy: number[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const body = await bodyOf(request);
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          (entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "host",
        ),
      );
      for (let tried = 0; tried < targets.length; tried += 1) {
        const index = next;
        next = (next + 1) % targets.length;
        try {
          const answer = await fetch(`${targets[index]}${request.url ?? "/"}`, {
            method: request.method ?? "GET",
            headers,
            ...(body.length > 0 ? { body } : {}),
          });
          const text = Buffer.from(await answer.arrayBuffer());
          answeredBy.push(index);
          response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
          response.end(text);
          return;
        } catch {
          // This copy is down: the next one takes the request.
        }
      }
      response.writeHead(502).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answeredBy,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
