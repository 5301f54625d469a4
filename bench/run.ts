/**
 * `npm run bench [-- <suite> ...]`: runs every suite in bench/*.bench.ts (each exports
 * `suite: BenchSuite`), or only those named (by file name, `tiles` for tiles.bench.ts, or by the
 * suite's name), and writes bench/RESULTS.md: date, machine, one table per suite with ours and the
 * peers side by side, targets and whether they were met, and how to reproduce.
 *
 * Each suite runs in a process of its own, one after the other, with a time limit
 * (BENCH_SUITE_TIMEOUT_S, default an hour): a suite that does not load, throws, crashes or runs over
 * is reported in its section and the others still run. RESULTS.md carries its own data (a JSON comment at the
 * end); running some suites replaces their sections and keeps the others' earlier results, each
 * section saying when and where it was measured.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './types.ts';

/** Where and on what a suite ran. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  /** 1-minute load average when the suite started (other work on the machine slows every figure). */
  load?: number;
}

/** One suite's outcome: its rows, or why it did not run. */
export interface SuiteResult {
  /** Suite name (the file name without .bench.ts when it did not load). */
  name: string;
  /** ISO date-time of the run. */
  date: string;
  machine: Machine;
  seconds: number;
  rows: BenchRow[];
  /** Set when the suite could not be loaded or threw. */
  error?: string;
}

/** Everything RESULTS.md shows. */
export interface BenchReport {
  suites: SuiteResult[];
}

const DATA_MARK = '<!-- bench-data ';
/** The implementation name of this project's rows; every other impl is a peer. */
export const OURS = 'fire-one-map';

/** The machine this process runs on. */
export function machineInfo(): Machine {
  let cpu = cpus()[0]?.model?.trim() ?? '';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpu = m[1].trim();
  } catch {
    // not Linux: os.cpus() is what there is
  }
  let os = `${type()} ${release()}`;
  try {
    const m = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (m?.[1]) os = `${m[1]} (${type()} ${release()})`;
  } catch {
    // no os-release: kernel name and release
  }
  return { cpu: cpu || 'unknown CPU', cores: cpus().length, memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version, os, load: Math.round((loadavg()[0] ?? 0) * 100) / 100 };
}

const fmtMachine = (m: Machine): string => `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, node ${m.node}, ${m.os}`;

/** A figure for a table cell: thousands separated, at most three significant decimals. */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const n = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit ? `${n} ${unit}` : n;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * One suite's table: a line per case, a column per implementation (ours first, then peers in the
 * order they appear), then the target and whether ours met it, then the notes.
 */
export function renderSuiteTable(rows: readonly BenchRow[]): string {
  const impls = [...new Set(rows.map((r) => r.impl))].sort((a, b) => (a === OURS ? -1 : b === OURS ? 1 : 0));
  const cases = [...new Set(rows.map((r) => r.case))];
  const hasTarget = rows.some((r) => r.target !== undefined);
  const head = ['case', ...impls, ...(hasTarget ? ['target', 'met'] : []), 'notes'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i > 0 && i <= impls.length ? '---:' : '---')).join('|')}|`];
  for (const c of cases) {
    const of = rows.filter((r) => r.case === c);
    const values = impls.map((impl) => {
      const r = of.find((x) => x.impl === impl);
      return r ? formatValue(r.value, r.unit) : '';
    });
    const targeted = of.find((r) => r.target !== undefined);
    const target = targeted ? [`${formatValue(targeted.target as number, targeted.unit)}`, targeted.pass === undefined ? '—' : targeted.pass ? '✅ yes' : '❌ no'] : hasTarget ? ['', ''] : [];
    const notes = of.filter((r) => r.note).map((r) => (impls.length > 1 ? `${r.impl}: ${r.note}` : (r.note as string))).join('; ');
    lines.push(`| ${[c, ...values, ...target, notes].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The whole RESULTS.md, data comment included. */
export function renderResults(report: BenchReport, opts: { reproduce?: string } = {}): string {
  const suites = [...report.suites].sort((a, b) => a.name.localeCompare(b.name));
  const latest = suites.reduce<SuiteResult | undefined>((l, s) => (!l || s.date > l.date ? s : l), undefined);
  const out: string[] = ['# Benchmark results', ''];
  out.push('Written by `npm run bench` (bench/run.ts); do not edit by hand.', '');
  if (latest) {
    out.push(`- **Date:** ${latest.date.slice(0, 10)} (latest run, ${latest.date})`);
    out.push(`- **Machine:** ${fmtMachine(latest.machine)}`);
  }
  const targets = suites.flatMap((s) => s.rows.filter((r) => r.target !== undefined));
  if (targets.length) out.push(`- **Targets met:** ${targets.filter((r) => r.pass).length} of ${targets.length}`);
  out.push('');
  for (const s of suites) {
    out.push(`## ${s.name}`, '');
    const elsewhere = latest && (s.date.slice(0, 10) !== latest.date.slice(0, 10) || fmtMachine(s.machine) !== fmtMachine(latest.machine));
    const load = s.machine.load !== undefined ? `, load average ${s.machine.load} at the start` : '';
    out.push(`Measured ${s.date}${elsewhere ? ` on ${fmtMachine(s.machine)}` : ''}${load}, suite took ${formatValue(s.seconds, 's')}.`, '');
    if (s.error) out.push(`**Not run:** ${s.error}`, '');
    if (s.rows.length) out.push(renderSuiteTable(s.rows), '');
    else if (!s.error) out.push('No rows.', '');
  }
  out.push('## How to reproduce', '');
  out.push(opts.reproduce ?? DEFAULT_REPRODUCE, '');
  out.push(`${DATA_MARK}${JSON.stringify(report)} -->`, '');
  return out.join('\n');
}

const DEFAULT_REPRODUCE = [
  '```sh',
  'npm ci',
  'sudo apt-get install tilemaker   # the peer of the tiles suite (Debian 12: tilemaker 2.2)',
  'npm run bench                    # every suite in bench/*.bench.ts',
  'npm run bench -- tiles           # one suite; the others keep their earlier results here',
  'BENCH_SUITE_TIMEOUT_S=7200 npm run bench   # each suite runs in its own process, stopped after an hour by default',
  '```',
  '',
  'The tiles suite reads the Andorra extract from `../shared/testdata/osm/andorra-latest.osm.pbf` (or',
  '`$BENCH_ANDORRA_PBF`); download one from https://download.geofabrik.de/europe/andorra.html when it is',
  'absent. Times are wall-clock times of the whole command (process start included), the median of the',
  'runs given in the notes; peak memory is the maximum resident set size of the process. Other work on',
  'the machine lengthens wall times: each section gives the load average at its start, and the tiles',
  'suite also reports CPU time (user + system), which load hardly changes.',
  '',
  'The viewer suite generates the demo district at 10× and 100× (about 700 MB) and their basemaps into',
  '`bench/.data/` and keeps them; `BENCH_VIEWER_SCALES=1,10 npm run bench -- viewer` leaves out 100×.',
].join('\n');

/** The report embedded in an earlier RESULTS.md, or null. */
export function parseEmbedded(markdown: string): BenchReport | null {
  const at = markdown.lastIndexOf(DATA_MARK);
  if (at < 0) return null;
  const end = markdown.indexOf(' -->', at);
  try {
    const data = JSON.parse(markdown.slice(at + DATA_MARK.length, end < 0 ? undefined : end)) as BenchReport;
    return Array.isArray(data.suites) ? data : null;
  } catch {
    return null;
  }
}

/** Earlier results with the suites of `fresh` replaced (or added). */
export function mergeReports(earlier: BenchReport | null, fresh: BenchReport): BenchReport {
  const names = new Set(fresh.suites.map((s) => s.name));
  return { suites: [...(earlier?.suites ?? []).filter((s) => !names.has(s.name)), ...fresh.suites] };
}

/** Suite files in `dir`, optionally only those named (file stem). */
export function suiteFiles(dir: string): { stem: string; path: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
    .map((f) => ({ stem: basename(f, '.bench.ts'), path: join(dir, f) }));
}

/** What a suite child process reports back (as JSON in a file). */
interface ChildOutcome {
  name: string;
  rows: BenchRow[];
  error?: string;
}

/** Loads and runs one suite in this process; never throws. What the child process of runSuiteFile does. */
export async function runSuiteHere(path: string, log: (line: string) => void = () => {}): Promise<ChildOutcome> {
  const stem = basename(path, '.bench.ts');
  let suite: BenchSuite | undefined;
  try {
    suite = ((await import(pathToFileURL(path).href)) as { suite?: BenchSuite }).suite;
  } catch (e) {
    return { name: stem, rows: [], error: `could not load ${basename(path)}: ${(e as Error).message.split('\n')[0]}` };
  }
  if (!suite || typeof suite.run !== 'function') return { name: stem, rows: [], error: `${basename(path)} exports no \`suite\`` };
  log(`bench: ${suite.name} …`);
  try {
    return { name: suite.name, rows: await suite.run() };
  } catch (e) {
    return { name: suite.name, rows: [], error: `threw: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** The argument that makes this file run one suite (in a child process) rather than all of them. */
const CHILD_FLAG = '--suite-child';
/** The repository, where the children run (suites use paths relative to it). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Default time limit of one suite (BENCH_SUITE_TIMEOUT_S overrides). */
export const DEFAULT_SUITE_TIMEOUT_S = 3600;
/** Suites that need more than the default: viewer loads three district scales, 100× for minutes each time. */
export const SUITE_TIMEOUT_S: Readonly<Record<string, number>> = { viewer: 7200 };

/**
 * Runs one suite file in a process of its own (so a suite's memory, globals and signal handlers stay
 * its own, and a suite that hangs can be stopped): SIGTERM at the time limit, so the suite can clean
 * up (servers, temporary clusters), SIGKILL 30 s later. Never throws.
 */
export function runSuiteFile(path: string, machine: Machine, opts: { timeoutS?: number; echo?: boolean } = {}): Promise<SuiteResult> {
  const stem = basename(path, '.bench.ts');
  const timeoutS = opts.timeoutS ?? (Number(process.env.BENCH_SUITE_TIMEOUT_S) || SUITE_TIMEOUT_S[stem] || DEFAULT_SUITE_TIMEOUT_S);
  const started = performance.now();
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const tmp = mkdtempSync(join(tmpdir(), 'bench-suite-'));
  const outFile = join(tmp, 'outcome.json');
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG, path, outFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const forward = (d: Buffer): void => {
      tail = (tail + d.toString()).slice(-2000);
      if (opts.echo !== false) process.stderr.write(d);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    let stopped = false;
    const kill = setTimeout(() => {
      stopped = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
    }, timeoutS * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(kill);
      let outcome: ChildOutcome;
      try {
        outcome = JSON.parse(readFileSync(outFile, 'utf8')) as ChildOutcome;
      } catch {
        const last = tail.trim().split('\n').pop() ?? '';
        outcome = {
          name: stem, rows: [],
          error: stopped ? `stopped after the ${timeoutS} s limit (BENCH_SUITE_TIMEOUT_S)` : `its process ended (${signal ?? `exit code ${code}`}) without results${last ? `: ${last}` : ''}`,
        };
      }
      rmSync(tmp, { recursive: true, force: true });
      done({ ...outcome, date, machine, seconds: (performance.now() - started) / 1000 });
    });
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const dir = dirname(fileURLToPath(import.meta.url));
  const wanted = argv.filter((a) => !a.startsWith('-'));
  const all = suiteFiles(dir);
  const files = wanted.length ? all.filter((f) => wanted.includes(f.stem)) : all;
  const unknown = wanted.filter((w) => !all.some((f) => f.stem === w));
  if (unknown.length) {
    process.stderr.write(`bench: no suite ${unknown.join(', ')} (have: ${all.map((f) => f.stem).join(', ')})\n`);
    return 2;
  }
  const machine = machineInfo();
  process.stderr.write(`bench: ${files.map((f) => f.stem).join(', ')} on ${fmtMachine(machine)}\n`);
  const results: SuiteResult[] = [];
  for (const f of files) {
    const r = await runSuiteFile(f.path, machineInfo());
    process.stderr.write(`bench: ${r.name}: ${r.error ?? `${r.rows.length} rows`} (${r.seconds.toFixed(1)} s)\n`);
    for (const row of r.rows) process.stderr.write(`  ${row.case} [${row.impl}]: ${formatValue(row.value, row.unit)}${row.target !== undefined ? ` (target ${row.target} ${row.unit}: ${row.pass ? 'met' : 'NOT met'})` : ''}\n`);
    results.push(r);
  }
  const out = join(dir, 'RESULTS.md');
  const earlier = existsSync(out) ? parseEmbedded(readFileSync(out, 'utf8')) : null;
  writeFileSync(out, renderResults(mergeReports(earlier, { suites: results })));
  process.stderr.write(`bench: wrote ${out}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === CHILD_FLAG) {
    const [suitePath, outFile] = process.argv.slice(3) as [string, string];
    runSuiteHere(suitePath, (l) => process.stderr.write(`${l}\n`)).then((outcome) => {
      writeFileSync(outFile, JSON.stringify(outcome));
      process.exit(0);
    });
  } else {
    main(process.argv.slice(2)).then((code) => process.exit(code));
  }
}
