/**
 * npm run demo-data -- [--seed N] [--scale 1|10|100] [--out data] [--as-of 2026-11-27]
 *
 * Writes the deterministic demo district (same seed and as-of → byte-identical files) and prints
 * what it wrote, how big, and how long it took.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dayOf } from '../demo/dates.ts';
import { DEFAULT_AS_OF, DEFAULT_SEED, generateDemo, type DemoOptions } from '../demo/generate.ts';

const USAGE = 'usage: npm run demo-data -- [--seed N] [--scale 1|10|100] [--out data] [--as-of YYYY-MM-DD]';

/** Options from the command line, with plain errors for bad values. */
export function parseArgs(argv: readonly string[]): DemoOptions {
  const opts: DemoOptions = { seed: DEFAULT_SEED, scale: 1, out: 'data', asOf: DEFAULT_AS_OF };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++k];
      if (v === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
      return v;
    };
    switch (name) {
      case '--seed': opts.seed = Number(value()); break;
      case '--scale': opts.scale = Number(value()); break;
      case '--out': opts.out = value(); break;
      case '--as-of': opts.asOf = value(); break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  if (!Number.isSafeInteger(opts.seed)) throw new Error(`--seed must be an integer\n${USAGE}`);
  if (!Number.isInteger(opts.scale) || opts.scale < 1 || opts.scale > 400) throw new Error(`--scale must be an integer from 1 to 400\n${USAGE}`);
  dayOf(opts.asOf); // throws a plain message on a bad date
  return opts;
}

/** 1.2 MiB / 340.5 KiB. */
export function formatBytes(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  console.log(`demo-data: seed ${opts.seed}, scale ${opts.scale}, as of ${opts.asOf} → ${resolve(opts.out)}`);
  const { files, meta } = generateDemo(opts, opts.scale > 1 ? (line) => console.log(`  ${line}`) : undefined);
  const seconds = (performance.now() - started) / 1000;
  const width = Math.max(...files.map((f) => f.path.length));
  for (const f of files) console.log(`  ${f.path.padEnd(width)}  ${String(f.features).padStart(9)} features  ${formatBytes(f.bytes).padStart(10)}`);
  const total = files.reduce((s, f) => s + f.bytes, 0);
  console.log(`  ${'total'.padEnd(width)}  ${''.padStart(18)}  ${formatBytes(total).padStart(10)}`);
  console.log(`${meta.street_office} (${meta.communities.join('、')}); targets in demo-meta.json; ${seconds.toFixed(2)} s, peak RSS ${formatBytes(process.resourceUsage().maxRSS * 1024)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (e) {
    console.error(`demo-data: ${(e as Error).message}`);
    process.exit(1);
  }
}
