// Builds the UI into ui/dist, which the Tauri shell embeds (see src-tauri/tauri.conf.json).
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // svelteTesting: under Vitest, resolve Svelte's browser build (components mount in jsdom).
  plugins: [svelte(), svelteTesting()],
  // Tauri serves the files itself; relative paths keep them loadable from tauri://localhost.
  base: './',
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: 'safari16',
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP forbids inline code: keep every asset a file.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
});
