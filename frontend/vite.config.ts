/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// VITE_API_BASE_URL (build time) points the app at another origin's API; empty = same origin.
// `npm run dev` proxies /api to a local `bin/run` (VITE_DEV_API to change it).
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': process.env.VITE_DEV_API ?? 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
