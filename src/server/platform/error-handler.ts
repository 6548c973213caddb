// The one place where errors become HTTP replies: `{error:{code,message,details}}` with a 4xx for every
// bad input, a message in the caller's language, and a 5xx only for bugs, which never echo internals.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { type Locale, localeFromAcceptLanguage } from "../../shared/locale.ts";
import { isSerializationFailure } from "../db/transaction.ts";
import { AppError, type ErrorBody, errorSpec, localizedMessage, PlatformErrors } from "./errors.ts";
import type { App } from "./http.ts";
import { describeIssue, fieldLabel, type Issue } from "./validation-messages.ts";

export function localeOf(request: FastifyRequest, fallback: Locale): Locale {
  return request.locale ?? localeFromAcceptLanguage(request.headers["accept-language"]) ?? fallback;
}

export function sendError(reply: FastifyReply, locale: Locale, err: AppError): FastifyReply {
  const spec = errorSpec(err.code);
  const body: ErrorBody = {
    error: {
      code: err.code,
      message: localizedMessage(err.code, locale, err.details),
      ...(err.details && { details: err.details }),
    },
  };
  return reply
    .code(spec?.status ?? 500)
    .type("application/json; charset=utf-8")
    .send(body);
}

function fastifyErrorToAppError(err: FastifyError, bodyLimit: number): AppError | null {
  switch (err.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return PlatformErrors.malformedJson();
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return PlatformErrors.emptyBody();
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return PlatformErrors.bodyTooLarge({ limit: bodyLimit });
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return PlatformErrors.unsupportedMediaType();
  }
  if (err.statusCode === 429) return PlatformErrors.rateLimited();
  if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message)))
    return PlatformErrors.malformedJson();
  if (err.statusCode === 413) return PlatformErrors.bodyTooLarge({ limit: bodyLimit });
  if (err.statusCode === 415) return PlatformErrors.unsupportedMediaType();
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return PlatformErrors.badRequest();
  return null;
}

/** Whether a parsed query, path or body holds a NUL character anywhere, in a key or a value. */
function hasNul(v: unknown): boolean {
  if (typeof v === "string") return v.includes("\u0000");
  if (Array.isArray(v)) return v.some(hasNul);
  if (v !== null && typeof v === "object") return Object.entries(v).some(([k, x]) => k.includes("\u0000") || hasNul(x));
  return false;
}

export function registerErrorHandling(app: App, opts: { defaultLocale: Locale; bodyLimit: number }) {
  // Bad input no schema describes: PostgreSQL text cannot hold NUL (U+0000), so such a request is refused here
  // as a 400 rather than failing in the database as a 500. Runs after authentication, before validation.
  app.addHook("preValidation", async (request) => {
    if (hasNul(request.query) || hasNul(request.params) || hasNul(request.body)) throw PlatformErrors.nulCharacter();
  });
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const locale = localeOf(request, opts.defaultLocale);
    if (err instanceof AppError) return sendError(reply, locale, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext;
      const issues = err.validation.map((v) => {
        const issue = {
          ...(v.params as object),
          code: v.keyword,
          message: v.message,
          path: v.instancePath.split("/").filter(Boolean),
        } as Issue;
        return { field: fieldLabel(issue.path, where), message: describeIssue(issue, locale) };
      });
      const summary = issues.map((i) => `${i.field}: ${i.message}`).join("; ");
      return sendError(reply, locale, PlatformErrors.invalidRequest({ summary, in: where, issues }));
    }
    // A route may take more than the server's limit (the field sync's batch with photos): tell its own.
    const mapped = fastifyErrorToAppError(err, request.routeOptions.bodyLimit ?? opts.bodyLimit);
    if (mapped) return sendError(reply, locale, mapped);
    // Still losing to concurrent writers after withTransaction's retries: the caller may simply send it again.
    if (isSerializationFailure(err)) return sendError(reply, locale, PlatformErrors.conflict());
    request.log.error({ err }, "unhandled error");
    return sendError(reply, locale, PlatformErrors.internal());
  });
}
