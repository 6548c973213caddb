// Build the Fastify app: platform plugins first, then each area's routes, then the web app.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyReply } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Logger } from "pino";
import { localeFromAcceptLanguage } from "../shared/locale.ts";
import { analyticsRoutes } from "./analytics/analytics.routes.ts";
import { catalogRoutes } from "./catalog/catalog.routes.ts";
import { type Config, tileOrigin } from "./config.ts";
import { accountsRoutes } from "./crm/accounts.routes.ts";
import { activitiesRoutes } from "./crm/activities.routes.ts";
import { contactsRoutes } from "./crm/contacts.routes.ts";
import { customFieldsRoutes } from "./crm/custom-fields.routes.ts";
import { dealsRoutes } from "./crm/deals.routes.ts";
import { leadsRoutes } from "./crm/leads.routes.ts";
import { segmentsRoutes } from "./crm/segments.routes.ts";
import { timelineRoutes } from "./crm/timeline.routes.ts";
import type { DatabaseHandle } from "./db/connection.ts";
import { deliveryRoutes } from "./delivery/delivery.routes.ts";
import { fieldRoutes } from "./field/field.routes.ts";
import { incentivesRoutes } from "./incentives/incentives.routes.ts";
import { inventoryRoutes } from "./inventory/inventory.routes.ts";
import { loyaltyRoutes } from "./loyalty/loyalty.routes.ts";
import { networkRoutes } from "./network/network.routes.ts";
import { ordersRoutes } from "./orders/orders.routes.ts";
import { registerAuthentication } from "./platform/authenticate.ts";
import { localeOf, registerErrorHandling, sendError } from "./platform/error-handler.ts";
import { PlatformErrors } from "./platform/errors.ts";
import type { App } from "./platform/http.ts";
import { registerIdempotency } from "./platform/idempotency/idempotency.hooks.ts";
import { createMailer, type Mailer } from "./platform/mail/mailer.ts";
import { platformRoutes } from "./platform/platform.routes.ts";
import { claimsRoutes } from "./promotions/claims.routes.ts";
import { promotionsRoutes } from "./promotions/promotions.routes.ts";
import { replenishmentRoutes } from "./replenishment/replenishment.routes.ts";
import { serviceRoutes } from "./service/service.routes.ts";
import { targetsRoutes } from "./targets/targets.routes.ts";
import { authRoutes } from "./users/auth.routes.ts";
import { usersRoutes } from "./users/users.routes.ts";
import { webhooksRoutes } from "./webhooks/webhooks.routes.ts";

export const VERSION = "0.1.0";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const WEB_DIST = path.join(ROOT, "dist/web");
/** The field app's page in the web build (a second Vite entry). */
const FIELD_PAGE = "field.html";
/** Names that are files of the web build, never client-side routes. */
const STATIC_FILE = /\.(?:js|mjs|css|map|png|jpe?g|svg|ico|webp|woff2?|ttf|json|webmanifest|txt|html)$/i;

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  /** A pino logger to share; by default one at the configured level, or none with `false`. */
  logger?: Logger | false;
  /** How email goes out (scheduled reports); by default SMTP as configured, closed with the app. */
  mailer?: Mailer;
}

export async function buildApp({ config, database, logger, mailer }: AppDeps): Promise<App> {
  const app = Fastify({
    ...(logger
      ? { loggerInstance: logger as FastifyBaseLogger }
      : { logger: logger === false ? false : { level: config.log.level } }),
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    // Ids in paths are UUIDs; anything longer is noise that should not reach the router.
    routerOptions: { maxParamLength: 200 },
    genReqId: () => crypto.randomUUID(),
    // The router refuses some URLs (an over-long id, a broken %-escape) before any hook or error handler:
    // answer those in our error format too.
    frameworkErrors: (err, request, reply) => {
      const locale = localeFromAcceptLanguage(request.headers["accept-language"]) ?? config.defaultLocale;
      sendError(
        reply,
        locale,
        err.code === "FST_ERR_MAX_PARAM_LENGTH" ? PlatformErrors.routeNotFound() : PlatformErrors.badRequest(),
      );
    },
  }).withTypeProvider<ZodTypeProvider>();
  // JSON only: a text body is refused with 415 instead of being parsed as a string.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerErrorHandling(app, { defaultLocale: config.defaultLocale, bodyLimit: config.http.bodyLimit });

  // Reps sync over 2G/3G: the field app's scripts and its snapshot JSON shrink several times under gzip. Gzip only,
  // at its default level; on-the-fly brotli at high quality costs more CPU than it saves on these payloads.
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ["gzip"] });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through a style element and style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Map tiles come from the configured tile server.
        imgSrc: ["'self'", "data:", "blob:", ...(config.map.tiles ? [tileOrigin(config.map.tiles.url)] : [])],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain http on a LAN in embedded mode; HSTS belongs to the TLS terminator in front.
    strictTransportSecurity: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      Object.assign(PlatformErrors.rateLimited({ retryAfterSeconds: Math.ceil(context.ttl / 1000) }), {
        statusCode: 429,
      }),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Bikri API",
        version: VERSION,
        description:
          "Bikri (বিক্রি) REST API. Authenticate with the session cookie from POST /api/v1/auth/sign-in (send x-csrf-token on writes) or with `Authorization: Bearer <API token>`. Errors are `{error:{code,message,details}}` with messages in the language of Accept-Language (bn or en). POSTs accept an Idempotency-Key header.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "bikri_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    // Swagger UI sets inline styles; allow those (not scripts) on the docs pages only.
    transformStaticCSP: (header) => header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'"),
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  registerAuthentication(app, { db: database.db, auth: config.auth, defaultLocale: config.defaultLocale });
  registerIdempotency(app, database.db);

  platformRoutes(app, { engine: database.engine, version: VERSION });
  authRoutes(app, { ...config.auth, loginRatePerMinute: config.auth.loginRatePerMinute });
  usersRoutes(app);
  networkRoutes(app, { mapTiles: config.map.tiles });
  catalogRoutes(app);
  inventoryRoutes(app);
  ordersRoutes(app);
  deliveryRoutes(app);
  fieldRoutes(app);
  const mail = mailer ?? createMailer(config.mail);
  if (!mailer) app.addHook("onClose", async () => mail.close());
  analyticsRoutes(app, { mailer: mail });
  replenishmentRoutes(app);
  targetsRoutes(app);
  promotionsRoutes(app);
  claimsRoutes(app);
  incentivesRoutes(app);
  accountsRoutes(app);
  contactsRoutes(app);
  customFieldsRoutes(app);
  segmentsRoutes(app);
  timelineRoutes(app);
  dealsRoutes(app);
  leadsRoutes(app, { publicRatePerMinute: config.auth.loginRatePerMinute });
  activitiesRoutes(app);
  serviceRoutes(app, { publicRatePerMinute: config.auth.loginRatePerMinute });
  loyaltyRoutes(app, { publicRatePerMinute: config.auth.loginRatePerMinute });
  webhooksRoutes(app, { ...config.webhooks, secretKey: config.auth.secretKey });

  await registerWebApp(app, config);
  return app;
}

/**
 * The React app from dist/web; any other GET that is not /api gets index.html (client-side routes). The reps' field
 * app is a second page, dist/web/field.html: /field and every /field/... page get it, so its own routes and
 * an installed app's start URL work. Its service worker is a file in /field/ (scope /field/), so the main app is
 * never controlled by it.
 */
async function registerWebApp(app: App, config: Config) {
  const hasBuild = existsSync(path.join(WEB_DIST, "index.html"));
  const hasFieldBuild = existsSync(path.join(WEB_DIST, FIELD_PAGE));
  if (hasBuild)
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      // Files are looked up per request, so a rebuild is served without a restart.
      wildcard: true,
      index: false,
      // Hashed assets never change under the same name; index.html is revalidated every time.
      setHeaders: (res, filePath) => {
        res.header(
          "cache-control",
          filePath.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    });
  const sendIndex = (reply: FastifyReply) => reply.header("cache-control", "no-cache").sendFile("index.html");
  const sendFieldPage = (reply: FastifyReply) => reply.header("cache-control", "no-cache").sendFile(FIELD_PAGE);
  // The root is a page, not a directory listing for the static wildcard.
  if (hasBuild) app.get("/", { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  // The field app's start URL is a directory to the static wildcard: answer it (and /field) with the page.
  if (hasFieldBuild)
    for (const url of ["/field", "/field/"])
      app.get(url, { schema: { hide: true } }, (_request, reply) => sendFieldPage(reply));
  app.setNotFoundHandler((request, reply) => {
    // A page is any GET outside /api that is not a file: client routes may hold dots (/invite/<org>.<secret>).
    const pathname = request.url.split("?")[0] ?? "";
    const isFile = pathname.startsWith("/assets/") || STATIC_FILE.test(pathname);
    const wantsPage = request.method === "GET" && !pathname.startsWith("/api") && !isFile;
    const isFieldPage = pathname === "/field" || pathname.startsWith("/field/");
    if (wantsPage && isFieldPage && hasFieldBuild) return sendFieldPage(reply);
    if (wantsPage && hasBuild) return sendIndex(reply);
    if (wantsPage)
      return reply
        .code(503)
        .type("text/html; charset=utf-8")
        .send(
          '<!doctype html><meta charset="utf-8"><title>Bikri</title>' +
            '<p lang="bn">ওয়েব অ্যাপটি এখনও তৈরি হয়নি: <code>npm run build</code> চালান।</p>' +
            '<p lang="en">The web app is not built yet: run <code>npm run build</code>.</p>',
        );
    return sendError(reply, localeOf(request, config.defaultLocale), PlatformErrors.routeNotFound());
  });
}
