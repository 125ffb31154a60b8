import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The API runs on 8080 (`npm start` at the repo root); in dev Vite serves the app on 5173
// and forwards /api there, so cookies stay same-origin.
const apiTarget = process.env.DIMOS_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Dimos — Ο Δήμος μου',
        short_name: 'Dimos',
        description: 'Αιτήματα, ενημερώσεις και υπηρεσίες του Δήμου σε μία εφαρμογή',
        lang: 'el',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b4f8a',
        icons: [
          { src: '/pwa-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/pwa-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // Web Push handlers (push, notificationclick, pushsubscriptionchange) live in public/push-sw.js
        importScripts: ['/push-sw.js'],
      },
    }),
  ],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  // `vite preview` stands in for the server on :8080 in e2e; it must not proxy /api to itself.
  preview: {
    port: 8080,
    strictPort: true,
    proxy: process.env.DIMOS_API_URL ? { '/api': { target: apiTarget, changeOrigin: false } } : {},
  },
  build: {
    outDir: 'dist',
    manifest: true,
    sourcemap: false,
    target: 'es2022',
  },
});
