// One HTTP attempt of one delivery: POST the JSON body with its signature headers and report what came back.
// Redirects are not followed (a 3xx is a failure: the receiver should give its final URL), the whole attempt
// is bounded by a timeout, and at most a little of the answer is read, for the log.
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { isPrivateAddress, publicOnlyLookup } from "./webhook-targets.ts";

export const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 1024;
const USER_AGENT = "Bikri-Webhooks/1";

export interface AttemptResult {
  ok: boolean;
  httpStatus: number | null;
  /** What went wrong, for the delivery log (never shown to the receiver). */
  error: string | null;
}

export interface SendOptions {
  allowPrivateTargets: boolean;
  timeoutMs?: number;
}

export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: SendOptions,
): Promise<AttemptResult> {
  const target = new URL(url);
  const literal = target.hostname.replace(/^\[|\]$/g, "");
  if (!opts.allowPrivateTargets && isIP(literal) && isPrivateAddress(literal))
    return Promise.resolve({ ok: false, httpStatus: null, error: `refused: ${literal} is a private address` });
  const timeoutMs = opts.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const request = client.request(
      target,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-length": Buffer.byteLength(body),
          "user-agent": USER_AGENT,
          ...headers,
        },
        ...(!opts.allowPrivateTargets && { lookup: publicOnlyLookup }),
      },
      (response) => {
        const httpStatus = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const ok = httpStatus >= 200 && httpStatus < 300;
          const text = Buffer.concat(chunks).toString("utf8").slice(0, 200).trim();
          finish({ ok, httpStatus, error: ok ? null : `HTTP ${httpStatus}${text ? `: ${text}` : ""}` });
          response.destroy();
        };
        response.on("data", (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
          // The status is what counts; do not wait for a huge or endless answer.
          if (size >= MAX_RESPONSE_BYTES) done();
        });
        response.on("end", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, httpStatus: null, error: `timed out after ${timeoutMs / 1000} s` });
      request.destroy();
    }, timeoutMs);
    request.on("error", (err: NodeJS.ErrnoException) =>
      finish({ ok: false, httpStatus: null, error: err.code ? `${err.code}: ${err.message}` : err.message }),
    );
    request.end(body);
  });
}
