/** An HttpClient that answers from a function a test writes, and records every request. */
import type { GetOptions, HttpClient, HttpResult } from "../../src/sources/http.js";

export interface FakeHttp extends HttpClient {
  requests: { url: string; options: GetOptions }[];
}

export function fakeHttp(respond: (url: string, options: GetOptions) => HttpResult | Promise<HttpResult>): FakeHttp {
  const requests: FakeHttp["requests"] = [];
  return {
    requests,
    async get(url, options) {
      requests.push({ url, options });
      return respond(url, options);
    },
  };
}

/** A 200 with this body. */
export const ok = (body: string): HttpResult => ({ status: "ok", body });
