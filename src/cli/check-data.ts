/**
 * check-data: checks a folder of exports (or a manifest, or one export) against the data contract
 * and prints what the viewer would report.
 *
 *   npm run check-data -- <folder|manifest.json|kind.geojson> [--json] [--all] [--max-warnings N]
 *
 * Exit code: 0 clean (warnings allowed up to --max-warnings), 1 errors found (or too many
 * warnings), 2 usage error. --json prints the reports and stats, without the features.
 */
import { fileURLToPath } from 'node:url';
import type { ReportEntry } from '../sources/report.ts';
import { readSources, UsageError, type SourcesRead } from './lib/read-sources.ts';

const USAGE = 'usage: npm run check-data -- <folder|manifest.json|kind.geojson> [--json] [--all] [--max-warnings N]';
const ENTRIES_PER_FILE = 50;

export interface CheckOptions {
  target: string;
  json: boolean;
  all: boolean;
  maxWarnings: number;
}

/** Parses argv (without node and script); throws UsageError. */
export function parseArgs(args: readonly string[]): CheckOptions {
  const options: CheckOptions = { target: '', json: false, all: false, maxWarnings: Number.POSITIVE_INFINITY };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') options.json = true;
    else if (arg === '--all') options.all = true;
    else if (arg === '--max-warnings') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-warnings needs a whole number ≥ 0');
      options.maxWarnings = n;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (options.target) throw new UsageError('give one folder, manifest or export');
    else options.target = arg;
  }
  if (!options.target) throw new UsageError('give a folder, manifest or export to check');
  return options;
}

function totals(read: SourcesRead): { errors: number; warnings: number } {
  const count = (entries: ReportEntry[], severity: string) => entries.filter((e) => e.severity === severity).length;
  return {
    errors: count(read.report, 'error') + read.results.reduce((n, r) => n + r.stats.errors, 0),
    warnings: count(read.report, 'warning') + read.results.reduce((n, r) => n + r.stats.warnings, 0),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function printEntries(entries: readonly ReportEntry[], all: boolean, out: string[]): void {
  const sorted = [...entries].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const shown = all ? sorted : sorted.slice(0, ENTRIES_PER_FILE);
  for (const entry of shown) out.push(`  ${entry.severity === 'error' ? 'ERROR  ' : 'warning'} ${entry.message}  [${entry.code}]`);
  if (shown.length < sorted.length) out.push(`  … and ${sorted.length - shown.length} more (--all lists them)`);
}

/** The readable report. */
export function formatReport(read: SourcesRead, target: string, all: boolean): string {
  const out: string[] = [`check-data ${target}${read.manifestFile ? ` (manifest ${read.manifestFile})` : ' (no manifest: files named after their kind)'}`];
  if (read.report.length > 0) {
    out.push('', read.manifestFile ?? target);
    printEntries(read.report, all, out);
  }
  for (const result of read.results) {
    const { read: n, kept, dropped, errors, warnings } = result.stats;
    out.push('', `${result.file}  [${result.kind}, source "${result.sourceId}"]  read ${n}, kept ${kept}, dropped ${dropped}; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
    printEntries(result.report, all, out);
  }
  const { errors, warnings } = totals(read);
  out.push('', `${errors > 0 ? 'FAILED' : 'OK'}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(read.results.length, 'source')}`);
  return out.join('\n');
}

/** Runs the check; returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  let options: CheckOptions;
  let read: SourcesRead;
  try {
    options = parseArgs(args);
    read = await readSources(options.target);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`check-data: ${error.message}\n${USAGE}`);
    return 2;
  }
  const { errors, warnings } = totals(read);
  if (options.json) {
    const results = read.results.map(({ collection: _features, ...rest }) => rest);
    console.log(JSON.stringify({ target: options.target, manifestFile: read.manifestFile, manifest: read.manifest, report: read.report, results, totals: { errors, warnings } }, null, 2));
  } else {
    console.log(formatReport(read, options.target, options.all));
    if (warnings > options.maxWarnings) console.log(`more than ${options.maxWarnings} warnings (--max-warnings)`);
  }
  return errors > 0 || warnings > options.maxWarnings ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // exitCode rather than exit(): lets a large --json report finish writing to a pipe.
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
