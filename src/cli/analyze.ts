/**
 * analyze: runs one analysis on a district's data and writes the result as GeoJSON.
 *
 *   npm run analyze -- <analysis> --data <folder|manifest.json|kind.geojson|extract.osm.pbf>
 *                      [--out result.geojson] [--rules rules.json] [analysis options]
 *
 * The data is read through the loader (src/cli/lib/read-sources.ts): a folder with manifest.json, a
 * manifest, a folder of files named after their kind (buildings.geojson, hydrants.geojson, …), or one
 * such file. An OpenStreetMap extract (.osm.pbf) gives buildings only (see lib/analyze-osm.ts for the
 * defaults). Features the loader drops are reported and left out; the analysis runs on the rest.
 *
 * Output: one GeoJSON FeatureCollection (with `"analysis": "<name>"` as a foreign member) to --out, or
 * to stdout. A summary goes to stderr: what was read, the rules, counts and times.
 *
 * Exit code: 0 done; 1 the data does not allow the analysis (a kind it needs is missing or empty,
 * or the analysis failed); 2 usage error (unknown analysis or option, missing --data, a --data path
 * that does not exist, an invalid rules file).
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection } from 'geojson';
import { DEFAULT_RULES, type Rules } from '../analysis/index.ts';
import { readOsmBuildings } from './lib/analyze-osm.ts';
import { readRulesFile } from './lib/analyze-rules.ts';
import { RUNNERS, runnerByName, type Inputs, type Runner } from './lib/analyze-runners.ts';
import { readSources, UsageError } from './lib/read-sources.ts';

export const USAGE = [
  'usage: npm run analyze -- <analysis> --data <folder|manifest.json|kind.geojson|extract.osm.pbf> [--out result.geojson] [--rules rules.json] [options]',
  '',
  'analyses:',
  ...RUNNERS.flatMap((r) => [
    `  ${r.name.padEnd(17)} ${r.title}`,
    ...Object.entries(r.options).map(([k, o]) => `  ${''.padEnd(17)}   --${k}${o.values ? ` <${o.values.join('|')}>` : o.number ? ' <n>' : ''}  ${o.help}${o.default ? ` (default ${o.default})` : ''}`),
  ]),
].join('\n');

export interface AnalyzeOptions {
  analysis: Runner;
  data: string;
  out: string | null;
  rules: string | null;
  options: Record<string, string | boolean>;
}

/** Parses argv (without node and script); throws UsageError. */
export function parseArgs(args: readonly string[]): AnalyzeOptions {
  let name = '', data = '', out: string | null = null, rules: string | null = null;
  const rest: [string, string | undefined][] = [];
  const valueOf = (i: number, opt: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${opt} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const [key, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (key === '--data') { data = inline ?? valueOf(i, key); if (inline === undefined) i++; }
    else if (key === '--out') { out = inline ?? valueOf(i, key); if (inline === undefined) i++; }
    else if (key === '--rules') { rules = inline ?? valueOf(i, key); if (inline === undefined) i++; }
    else if (key === '--help' || key === '-h') throw new UsageError('');
    else if (key.startsWith('-')) {
      const next = args[i + 1];
      // An analysis option: a flag, or a value when the option takes one (checked below).
      rest.push([key, inline ?? (next !== undefined && !next.startsWith('-') ? next : undefined)]);
      if (inline === undefined && next !== undefined && !next.startsWith('-')) i++;
    } else if (name) throw new UsageError(`one analysis at a time (got "${name}" and "${arg}")`);
    else name = arg;
  }
  if (!name) throw new UsageError('name an analysis');
  const analysis = runnerByName(name);
  if (!analysis) {
    throw new UsageError(`unknown analysis "${name}" (one of ${RUNNERS.map((r) => r.name).join(', ')})`);
  }
  if (!data) throw new UsageError('--data is required: a folder, a manifest.json or an export named after its kind');
  const options: Record<string, string | boolean> = {};
  for (const [key, value] of rest) {
    const opt = key.replace(/^--?/, '');
    const spec = analysis.options[opt];
    if (!spec) throw new UsageError(`unknown option ${key} for ${analysis.name}${Object.keys(analysis.options).length ? ` (options: ${Object.keys(analysis.options).map((k) => `--${k}`).join(', ')})` : ''}`);
    if (spec.values) {
      if (value === undefined) throw new UsageError(`--${opt} needs a value: ${spec.values.join(' or ')}`);
      if (!spec.values.includes(value)) throw new UsageError(`--${opt} must be ${spec.values.join(' or ')}, got "${value}"`);
      options[opt] = value;
    } else if (spec.number) {
      const x = Number(value);
      const { min, integer } = spec.number;
      if (value === undefined || value.trim() === '' || !Number.isFinite(x) || x < min || (integer && !Number.isInteger(x))) {
        throw new UsageError(`--${opt} needs ${integer ? 'a whole number' : 'a number'} ≥ ${min}${value === undefined ? '' : `, got "${value}"`}`);
      }
      options[opt] = value;
    } else {
      if (value !== undefined) throw new UsageError(`--${opt} is a flag and takes no value (got "${value}")`);
      options[opt] = true;
    }
  }
  for (const [k, spec] of Object.entries(analysis.options)) if (spec.default !== undefined && options[k] === undefined) options[k] = spec.default;
  return { analysis, data, out, rules, options };
}

const n = (x: number): string => x.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Writes a FeatureCollection feature by feature (no single giant string), honouring back-pressure. */
export async function writeCollection(stream: Writable, fc: FeatureCollection<never, unknown> | { features: readonly unknown[] }, analysis: string): Promise<number> {
  let bytes = 0;
  const write = (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    return stream.write(s) ? Promise.resolve() : new Promise((resolve) => stream.once('drain', () => resolve()));
  };
  await write(`{"type":"FeatureCollection","analysis":${JSON.stringify(analysis)},"features":[`);
  const features = fc.features;
  let chunk = '';
  for (let i = 0; i < features.length; i++) {
    chunk += `${i ? ',' : ''}\n${JSON.stringify(features[i])}`;
    if (chunk.length > 1 << 16) { await write(chunk); chunk = ''; }
  }
  await write(`${chunk}\n]}\n`);
  return bytes;
}

/** Reads what the analysis needs; returns the inputs and lines for the summary. */
async function readInputs(target: string, kinds: readonly string[]): Promise<{ inputs: Inputs; lines: string[]; dataErrors: string[] }> {
  const lines: string[] = [];
  const dataErrors: string[] = [];
  const inputs: Inputs = {};
  if (/\.osm\.pbf$/i.test(target)) {
    const info = await stat(target).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`no such file: ${target}`);
    const { buildings, stats } = await readOsmBuildings(target);
    inputs.buildings = { type: 'FeatureCollection', features: buildings };
    lines.push(`  read ${target}: ${n(buildings.length)} buildings from ${n(stats.ways)} ways and ${n(stats.multipolygons)} multipolygons (grade and hazard class unknown: the rules' assumed defaults apply)`);
    return { inputs, lines, dataErrors };
  }
  const read = await readSources(target);
  lines.push(`  ${read.manifestFile ? `manifest ${read.manifestFile}` : `no manifest: files named after their kind in ${target}`}`);
  for (const e of read.report) if (e.severity === 'error') dataErrors.push(e.message);
  for (const r of read.results) {
    if (!kinds.includes(r.kind)) continue;
    const { read: count, kept, dropped, errors, warnings } = r.stats;
    lines.push(`  read ${r.file} [${r.kind}]: ${n(kept)} kept of ${n(count)}${dropped ? `, ${n(dropped)} dropped` : ''}${errors ? `, ${n(errors)} errors` : ''}${warnings ? `, ${n(warnings)} warnings` : ''}${errors || warnings ? ' (npm run check-data for details)' : ''}`);
    const byKind = inputs as Record<string, FeatureCollection | undefined>;
    const have = byKind[r.kind];
    // Several sources of one kind (e.g. hydrants from two water companies) are analysed together.
    byKind[r.kind] = have ? { type: 'FeatureCollection', features: [...have.features, ...r.collection.features] } : (r.collection as FeatureCollection);
  }
  return { inputs, lines, dataErrors };
}

/** Runs the command; returns the exit code. `stdout` and `stderr` are injectable for tests. */
export async function main(args: readonly string[], io: { stdout: Writable; stderr: Writable } = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const log = (s: string): void => { io.stderr.write(`${s}\n`); };
  let options: AnalyzeOptions;
  let rules: Rules = DEFAULT_RULES;
  let overridden: string[] = [];
  const t0 = performance.now();
  let inputs: Inputs, lines: string[];
  try {
    options = parseArgs(args);
    if (options.rules) ({ rules, overridden } = await readRulesFile(options.rules));
    ({ inputs, lines } = await readInputs(options.data, [...options.analysis.needs(options.options), ...(options.analysis.optional ?? [])]));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) log(`analyze: ${error.message}`);
    log(USAGE);
    return error.message ? 2 : 0;
  }
  const tRead = performance.now();
  const { analysis } = options;
  log(`analyze ${analysis.name} --data ${options.data}`);
  for (const l of lines) log(l);
  log(`  rules: ${options.rules ? `${options.rules} overrides ${overridden.join(', ') || 'nothing'}` : 'defaults (src/analysis/rules.ts)'}`);
  const missing = analysis.needs(options.options).filter((k) => !inputs[k] || inputs[k]!.features.length === 0);
  if (missing.length > 0) {
    log(`analyze: ${analysis.name} needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} missing or empty in ${options.data}`);
    return 1;
  }
  let result;
  const tRun0 = performance.now();
  try {
    result = analysis.run(inputs, rules, options.options);
  } catch (error) {
    log(`analyze: ${analysis.name} failed: ${(error as Error).message}`);
    return 1;
  }
  const tRun = performance.now();
  log(`  ${analysis.name}: ${result.summary} in ${seconds(tRun - tRun0)}`);
  let bytes: number;
  if (options.out) {
    const file = createWriteStream(options.out);
    const opened = new Promise<void>((resolve, reject) => { file.once('open', () => resolve()); file.once('error', reject); });
    try {
      await opened;
    } catch (error) {
      log(`analyze: cannot write ${options.out}: ${(error as Error).message}`);
      return 2;
    }
    bytes = await writeCollection(file, result.result, analysis.name);
    await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())));
  } else {
    bytes = await writeCollection(io.stdout, result.result, analysis.name);
  }
  const tWrite = performance.now();
  log(`  wrote ${n(result.result.features.length)} features (${(bytes / 2 ** 20).toFixed(1)} MiB) to ${options.out ?? 'stdout'}; `
    + `read ${seconds(tRead - t0)}, analysis ${seconds(tRun - tRun0)}, write ${seconds(tWrite - tRun)}, total ${seconds(tWrite - t0)}`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
