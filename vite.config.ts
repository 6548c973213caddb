import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { fieldDevPages, fieldServiceWorker } from "./src/web/field/build/field-sw-plugin.ts";

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The web app lives in src/web; the server serves the built files from dist/web with an SPA fallback
// and a strict CSP (script-src 'self'), so the build must not rely on inline scripts.
// Two pages: the web app (index.html) and the reps' offline field app (field.html, served under /field/
// with its own service worker). They share the React chunk; everything else is split by which page uses it, so
// the phone's first download holds none of the web app's libraries.
export default defineConfig({
  root: "src/web",
  plugins: [
    react(),
    fieldDevPages("field.html"),
    fieldServiceWorker({
      html: "field.html",
      entry: fromRoot("./src/web/field/sw/field-sw.ts"),
      publicFieldDir: fromRoot("./src/web/public/field"),
      fileName: "field/sw.js",
    }),
  ],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    sourcemap: true,
    // Fonts and images go to files, never data: URLs inlined into JS (keeps the CSP story simple).
    assetsInlineLimit: 0,
    // Libraries change less often than the app: separate chunks stay cached across app releases.
    rolldownOptions: {
      input: {
        main: fromRoot("./src/web/index.html"),
        field: fromRoot("./src/web/field.html"),
      },
      output: {
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            // @mantine/charts brings recharts (about 130 KB gzipped): left to the analytics screens' lazy chunks.
            { name: "mantine", test: /node_modules[\\/]@mantine[\\/](?!charts[\\/])/, priority: 2 },
            { name: "vendor", test: /node_modules[\\/]/, priority: 1, entriesAware: true },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
});
