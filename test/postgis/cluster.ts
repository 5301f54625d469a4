/**
 * A throwaway PostgreSQL 15 + PostGIS cluster for the cross-check tests and the analysis benchmark.
 *
 * `startCluster()` runs `initdb` into a fresh temporary folder (as user `postgres` when this process is
 * root: PostgreSQL refuses to run as root), starts the server with `pg_ctl` on a free port listening on
 * 127.0.0.1 only, with its Unix socket in the same temporary folder, connects with `pg`, and creates the
 * PostGIS extension. `stop()` closes the connection, stops the server and deletes the folder; it also
 * runs when the process exits while a cluster is still up, and when starting fails half-way.
 *
 * Durability is switched off (fsync, synchronous_commit, full_page_writes): the data lives for one test
 * run and nothing here needs it to survive a crash.
 *
 * `postgisAvailability()` says whether the binaries are there. Tests use `postgisGate()`: without them
 * they skip with a notice on stderr, but under CI=true they fail (CI installs postgresql-15-postgis-3 in
 * .ci/run).
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian's postgresql-15 puts initdb, pg_ctl and postgres (override with PG_BIN). */
export const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';
/** PostGIS's extension control file for PostgreSQL 15 on Debian (override with PG_SHAREDIR). */
const PG_SHARE = process.env.PG_SHAREDIR || '/usr/share/postgresql/15';
/** The Debian package that provides both. */
export const POSTGIS_PACKAGE = 'postgresql-15-postgis-3';

export interface Availability {
  ok: boolean;
  /** Why not, when not: which file is missing and how to install it. */
  reason?: string;
}

/** Whether PostgreSQL 15 and PostGIS are installed where this harness looks for them. */
export function postgisAvailability(): Availability {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    const path = join(PG_BIN, tool);
    if (!existsSync(path)) return { ok: false, reason: `${path} not found: install with \`apt-get install -y ${POSTGIS_PACKAGE}\` (or set PG_BIN)` };
  }
  const control = join(PG_SHARE, 'extension', 'postgis.control');
  if (!existsSync(control)) return { ok: false, reason: `${control} not found: install with \`apt-get install -y ${POSTGIS_PACKAGE}\`` };
  if (isRoot() && !postgresUser()) return { ok: false, reason: 'running as root but there is no "postgres" user to run the server as' };
  return { ok: true };
}

/** True under CI, where a missing peer or missing test data is a failure rather than a skip. */
export const IN_CI = process.env.CI === 'true';

/**
 * For tests: whether to run the PostGIS checks. Prints a visible notice when skipping; under CI=true a
 * missing PostGIS is not skipped (`mustFail` is set and the caller fails a test with `reason`).
 */
export function postgisGate(what: string): { run: boolean; mustFail: boolean; reason: string } {
  const a = postgisAvailability();
  if (a.ok) return { run: true, mustFail: false, reason: '' };
  const reason = `PostGIS cross-check "${what}" cannot run: ${a.reason}`;
  if (IN_CI) return { run: false, mustFail: true, reason: `${reason} (CI=true: this is a failure)` };
  process.stderr.write(`\n*** SKIPPED: ${reason} ***\n\n`);
  return { run: false, mustFail: false, reason };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function postgresUser(): { uid: number; gid: number } | null {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
    if (!line) return null;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface PgCluster {
  /** Connected client (database `postgres`, user `postgres`), PostGIS created. */
  client: pg.Client;
  port: number;
  dir: string;
  /** PostGIS and GEOS versions, e.g. "3.3.2 / GEOS 3.11.1". */
  versions: string;
  /** A further connection (for parallel sessions); closed by stop(). */
  connect(): Promise<pg.Client>;
  /** Close connections, stop the server, delete the folder. Idempotent; never throws. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Extra server settings (`-c name=value`), e.g. { work_mem: '256MB' }. */
  settings?: Record<string, string>;
  /** Progress lines (default: silent). */
  log?: (line: string) => void;
}

const live = new Set<{ dir: string; dataDir: string }>();
let exitHookInstalled = false;
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Stops every live cluster at once (immediate shutdown) and deletes its folder; synchronous. */
function stopAllSync(): void {
  for (const c of live) {
    try { runAsOwner(join(PG_BIN, 'pg_ctl'), ['-D', c.dataDir, '-m', 'immediate', '-w', 'stop'], 'ignore'); } catch { /* already down */ }
    rmSync(c.dir, { recursive: true, force: true });
  }
  live.clear();
}

/** On a signal while clusters are up: clean up, then let the signal do what it would have done. */
function onSignal(signal: NodeJS.Signals): void {
  stopAllSync();
  removeSignalHooks();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function removeSignalHooks(): void {
  for (const s of SIGNALS) process.removeListener(s, onSignal);
}

/**
 * Last-resort cleanup: on process exit and on SIGINT / SIGTERM / SIGHUP while a cluster is up (the
 * signal hooks are removed again when the last cluster stops, so they never change how an idle
 * process reacts to signals).
 */
function installHooks(): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', stopAllSync);
  }
  for (const s of SIGNALS) if (!process.listeners(s).includes(onSignal)) process.on(s, onSignal);
}

/** Runs a PostgreSQL tool, as user postgres when we are root. */
function runAsOwner(bin: string, args: readonly string[], stdio: 'pipe' | 'ignore' = 'pipe'): string {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, [...args]];
  const r = spawnSync(cmd, argv, { stdio: stdio === 'ignore' ? 'ignore' : ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} exited with ${r.status}: ${(r.stderr ?? '').trim()} ${(r.stdout ?? '').trim()}`.trim());
  return r.stdout ?? '';
}

/**
 * Starts a throwaway cluster and creates PostGIS in database `postgres`.
 * @example const pgc = await startCluster(); try { await pgc.client.query('SELECT 1') } finally { await pgc.stop() }
 */
export async function startCluster(opts: ClusterOptions = {}): Promise<PgCluster> {
  const available = postgisAvailability();
  if (!available.ok) throw new Error(`PostGIS is not available: ${available.reason}`);
  const log = opts.log ?? (() => {});
  installHooks();
  const dir = mkdtempSync(join(tmpdir(), 'fire-one-map-pg-'));
  const dataDir = join(dir, 'data');
  const entry = { dir, dataDir };
  live.add(entry);
  const clients: pg.Client[] = [];
  let started = false;
  const stop = async (): Promise<void> => {
    for (const c of clients.splice(0)) await c.end().catch(() => {});
    if (started) {
      try { runAsOwner(join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']); } catch { /* already stopped */ }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
    live.delete(entry);
    if (live.size === 0) removeSignalHooks();
  };
  try {
    if (isRoot()) {
      const owner = postgresUser()!;
      chownSync(dir, owner.uid, owner.gid);
    }
    const t0 = performance.now();
    runAsOwner(join(PG_BIN, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    log(`initdb ${((performance.now() - t0) / 1000).toFixed(1)} s in ${dataDir}`);
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off',
      max_wal_size: '4GB', shared_buffers: '256MB', ...opts.settings,
    };
    let port = 0;
    // The port may be taken between freePort() and the server binding it: try a few.
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const o = [`-p ${port}`, `-k ${dir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
      try {
        runAsOwner(join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-o', o, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
        started = true;
        break;
      } catch (e) {
        if (attempt >= 2) {
          let serverLog = '';
          try { serverLog = readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000); } catch { /* none */ }
          throw new Error(`${(e as Error).message}\n${serverLog}`);
        }
      }
    }
    log(`server up on 127.0.0.1:${port}`);
    const connect = async (): Promise<pg.Client> => {
      const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await c.connect();
      clients.push(c);
      return c;
    };
    const client = await connect();
    await client.query('CREATE EXTENSION postgis');
    const v = await client.query<{ v: string; g: string }>('SELECT postgis_lib_version() AS v, postgis_geos_version() AS g');
    const versions = `PostGIS ${v.rows[0]?.v} / GEOS ${v.rows[0]?.g}`;
    log(versions);
    return { client, port, dir, versions, connect, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Runs `fn` with a fresh cluster and always stops it afterwards. */
export async function withCluster<T>(fn: (c: PgCluster) => Promise<T>, opts: ClusterOptions = {}): Promise<T> {
  const c = await startCluster(opts);
  try {
    return await fn(c);
  } finally {
    await c.stop();
  }
}

