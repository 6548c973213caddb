// Build-time only: after the page bundle is written, build the field app's service worker as one
// self-contained classic script (`/field/sw.js`, so its scope is /field/ and the main app never gets one),
// with the list of files the field page needs baked in. A new build changes that list, so the worker's bytes
// change and phones pick the new version up on their next visit.
//
// Our own small plugin rather than vite-plugin-pwa: the precache list must be the field entry's files only
// (its chunks, their static and dynamic imports, CSS and fonts), not everything the multi-page build emits,
// and that is a walk over the bundle graph that globs cannot express.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { build, type Plugin, type Rolldown } from "vite";

export interface PrecacheEntry {
  url: string;
  /** Null for content-hashed file names; a content hash for names that stay the same across builds. */
  revision: string | null;
}

interface FieldSwOptions {
  /** The field page as an HTML input of the build, relative to the Vite root: "field.html". */
  html: string;
  /** The service worker's TypeScript entry (absolute). */
  entry: string;
  /** Files the field app uses from the public directory (absolute dir), served under /field/. */
  publicFieldDir: string;
  /** Where the worker is emitted, relative to outDir. */
  fileName: string;
}

const revisionOf = (content: string | Uint8Array) => createHash("sha256").update(content).digest("hex").slice(0, 16);

/** Every file the entry chunk needs, following static and dynamic imports (the map is lazy, but offline too). */
export function filesOfEntry(bundle: Rolldown.OutputBundle, entryFileName: string): string[] {
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    const item = bundle[fileName];
    if (!item) return;
    seen.add(fileName);
    if (item.type !== "chunk") return;
    const chunk = item as Rolldown.OutputChunk & {
      viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
    };
    for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) seen.add(asset);
    for (const f of chunk.imports) visit(f);
    for (const f of chunk.dynamicImports) visit(f);
  };
  visit(entryFileName);
  return [...seen].sort();
}

/** In `vite` dev, /field and its client routes get the field page, as the server does in production. */
export function fieldDevPages(html: string): Plugin {
  return {
    name: "bikri-field-dev-pages",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const pathname = (req.url ?? "").split("?")[0] ?? "";
        if (pathname === "/field" || (pathname.startsWith("/field/") && !/\.[a-z0-9]+$/i.test(pathname)))
          req.url = `/${html}`;
        next();
      });
    },
  };
}

export function fieldServiceWorker(options: FieldSwOptions): Plugin {
  return {
    name: "bikri-field-service-worker",
    apply: "build",
    enforce: "post",
    async generateBundle(_output, bundle) {
      const entry = Object.values(bundle).find(
        (item): item is Rolldown.OutputChunk =>
          item.type === "chunk" && item.isEntry && (item.facadeModuleId ?? "").endsWith(options.html),
      );
      const html = bundle[options.html];
      if (!entry || !html || html.type !== "asset") {
        this.error(`the field page ${options.html} is not in the bundle: is it a build input?`);
      }
      const precache: PrecacheEntry[] = filesOfEntry(bundle, entry.fileName)
        .filter((f) => !f.endsWith(".map"))
        .map((f) => ({ url: `/${f}`, revision: null }));
      precache.push({ url: `/${options.html}`, revision: revisionOf(html.source) });
      if (existsSync(options.publicFieldDir)) {
        for (const name of readdirSync(options.publicFieldDir).sort()) {
          const content = readFileSync(path.join(options.publicFieldDir, name));
          precache.push({ url: `/field/${name}`, revision: revisionOf(content) });
        }
      }
      const version = revisionOf(JSON.stringify(precache));

      const result = await build({
        configFile: false,
        logLevel: "warn",
        publicDir: false,
        define: {
          __FIELD_PRECACHE__: JSON.stringify(precache),
          __FIELD_SW_VERSION__: JSON.stringify(version),
          __FIELD_PAGE__: JSON.stringify(`/${options.html}`),
          "process.env.NODE_ENV": JSON.stringify("production"),
        },
        build: {
          write: false,
          minify: true,
          sourcemap: false,
          emptyOutDir: false,
          copyPublicDir: false,
          lib: { entry: options.entry, formats: ["iife"], name: "bikriFieldSw", fileName: () => "sw.js" },
        },
      });
      const outputs = Array.isArray(result) ? result : [result];
      const code = outputs
        .flatMap((o) => ("output" in o ? o.output : []))
        .find((o): o is Rolldown.OutputChunk => o.type === "chunk")?.code;
      if (!code) this.error("the field service worker build produced no script");
      this.emitFile({ type: "asset", fileName: options.fileName, source: code });
    },
  };
}
