// The two cookies of a web session, set and cleared together with the same lifetime: the HttpOnly
// session cookie, and the readable CSRF cookie that the web app echoes in x-csrf-token (a cross-site
// page can do neither). The web app relies on them travelling together.
import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "bikri_session";
export const CSRF_COOKIE = "bikri_csrf";

export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  s: { cookieValue: string; csrfToken: string; expiresAt: Date },
): void {
  const secure = request.protocol === "https";
  const common = { path: "/", sameSite: "lax" as const, secure, expires: s.expiresAt };
  reply.setCookie(SESSION_COOKIE, s.cookieValue, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, s.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
  reply.clearCookie(CSRF_COOKIE, { path: "/" });
}
