/**
 * Vite plugin: loosens index.html's Content-Security-Policy for the dev server only. Vite's dev
 * server injects CSS as <style> elements (for hot reload), which `style-src 'self'` blocks; the
 * build links CSS files and keeps the strict policy (the browser test checks it logs no violation).
 */
import type { Plugin } from 'vite';

/** Adds 'unsafe-inline' to style-src of the CSP meta, in `vite` (serve) only. */
export function devCsp(): Plugin {
  return {
    name: 'fire-one-map:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/style-src 'self'(?! 'unsafe-inline')/, "style-src 'self' 'unsafe-inline'");
    },
  };
}
