/**
 * Vite plugin: serves the project's data/ and tiles/ folders at /data/ and /tiles/ in `vite` (dev)
 * and `vite preview`, and copies them into the build output, so the built viewer is one folder that
 * any static server (or an intranet share) can host.
 *
 * The handler answers GET and HEAD with single HTTP ranges (PMTiles reads tiles by range), weak
 * ETags, `Cache-Control: no-cache` (exports change between polls), and a 404 for anything missing,
 * rather than falling through to index.html, which would reach the loader as "not JSON".
 *
 * `FIRE_ONE_MAP_DATA` (a folder) serves another district's exports instead of ./data.
 */
import { createReadStream, existsSync, statSync, cpSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/** URL prefix → folder on disk. */
export type FolderMap = Readonly<Record<string, string>>;

const TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.pmtiles': 'application/octet-stream',
  '.pbf': 'application/x-protobuf',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/** A byte range of a file of `size` bytes from a `Range` header; null: serve it whole; 'invalid': 416. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges or another unit: serving the whole file is a correct answer.
  if (!m) return null;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return 'invalid';
  let start: number;
  let end: number;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}

/** The file under `root` that `urlPath` (after the prefix) names, or null when it would escape `root`. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  const rel = path.relative(root, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  // Hidden files (.git, .env) are never served.
  if (rel.split(path.sep).some((part) => part.startsWith('.'))) return null;
  return full;
}

/**
 * A connect-style middleware serving `folders`. Calls `next()` for URLs outside the prefixes.
 * @example server.middlewares.use(createFolderHandler({ '/data/': '/abs/data' }))
 */
export function createFolderHandler(folders: FolderMap) {
  const entries = Object.entries(folders);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = (req.url ?? '/').split('?')[0] ?? '/';
    const match = entries.find(([prefix]) => url.startsWith(prefix));
    if (!match) return next();
    const [prefix, root] = match;
    const send = (status: number, text: string) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    const file = resolveInside(root, url.slice(prefix.length));
    if (!file) return send(403, 'forbidden');
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return send(404, `not found: ${url}`);
    }
    if (!stat.isFile()) return send(404, `not found: ${url}`);
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    res.setHeader('Content-Type', TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', stat.mtime.toUTCString());
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      return void res.end();
    }
    const range = parseRange(req.headers.range, stat.size);
    if (range === 'invalid') {
      res.setHeader('Content-Range', `bytes */${stat.size}`);
      return send(416, 'range not satisfiable');
    }
    const { start, end } = range ?? { start: 0, end: stat.size - 1 };
    res.statusCode = range ? 206 : 200;
    if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${stat.size}`);
    res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
    if (req.method === 'HEAD' || stat.size === 0) return void res.end();
    const stream = createReadStream(file, { start, end });
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}

export interface DataFoldersOptions {
  /** URL prefix → folder, relative to the Vite root. Default `/data/` → data (or $FIRE_ONE_MAP_DATA), `/tiles/` → tiles. */
  folders?: FolderMap;
}

function defaultFolders(): FolderMap {
  return { '/data/': process.env['FIRE_ONE_MAP_DATA'] || 'data', '/tiles/': 'tiles' };
}

/** The plugin; see the module comment. */
export function dataFolders(options: DataFoldersOptions = {}): Plugin {
  let config: ResolvedConfig | undefined;
  const absolute = (root: string): FolderMap =>
    Object.fromEntries(Object.entries(options.folders ?? defaultFolders()).map(([prefix, dir]) => [prefix, path.resolve(root, dir)]));
  return {
    name: 'fire-one-map:data-folders',
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      server.middlewares.use(createFolderHandler(absolute(server.config.root)));
    },
    configurePreviewServer(server) {
      server.middlewares.use(createFolderHandler(absolute(server.config.root)));
    },
    writeBundle() {
      if (!config) return;
      const outDir = path.resolve(config.root, config.build.outDir);
      for (const [prefix, dir] of Object.entries(absolute(config.root))) {
        if (!existsSync(dir)) {
          config.logger.warn(`[data-folders] ${dir} does not exist; ${prefix} will be empty in the build`);
          continue;
        }
        const target = path.join(outDir, prefix.replace(/^\/|\/$/g, ''));
        cpSync(dir, target, { recursive: true, filter: (src) => !path.basename(src).startsWith('.') || src === dir });
      }
    },
  };
}
