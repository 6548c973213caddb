import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app lives in src/web; the server serves the built files from dist/web with an SPA fallback
// and a strict CSP (script-src 'self'), so the build must not rely on inline scripts.
export default defineConfig({
  root: "src/web",
  plugins: [react()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    sourcemap: true,
    // Fonts and images go to files, never data: URLs inlined into JS (keeps the CSP story simple).
    assetsInlineLimit: 0,
    // Libraries change less often than the app: separate chunks stay cached across app releases.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: "mantine", test: /node_modules[\\/]@mantine[\\/]/, priority: 2 },
            { name: "vendor", test: /node_modules[\\/]/, priority: 1 },
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
