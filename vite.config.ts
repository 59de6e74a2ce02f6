// Vite build of the app: relative base so the static build works under any sub-path, and a
// strict Content-Security-Policy injected into the built index.html (dev keeps Vite's inline HMR).
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'tunix-content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

export default defineConfig({
  base: './',
  plugins: [
    preact(),
    contentSecurityPolicy(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: null,
      includeAssets: ['apple-touch-icon.png'],
      manifest: {
        name: 'tunix-rt web',
        short_name: 'tunix-rt',
        description: 'Build reasoning-trace datasets, fine-tune a small model and prove it got better, all in your browser.',
        theme_color: '#1f3a5f',
        background_color: '#f4f6f8',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Everything the app needs offline: tfjs WASM binaries and the shipped base models
        // (public/models/<id>/: weights, config, tokenizer, model card) included. Both exceed
        // Workbox's 2 MiB default; a file over this limit would silently be left out.
        globPatterns: ['**/*.{js,css,html,wasm,png,svg,json,webmanifest}', 'models/**/*.{safetensors,json,md}'],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
