/**
 * What every benchmark reports. `npm run bench` runs each suite, collects these rows and writes
 * bench/RESULTS.md with the date and the machine, peers side by side with ours.
 */
export interface BenchRow {
  /** Suite, e.g. "tiles" or "first-map". */
  suite: string;
  /** What was measured, e.g. "build demo 1×". */
  case: string;
  /** Who did the work: "fire-one-map" or a peer's name (e.g. "tilemaker 2.2"). */
  impl: string;
  /** The figure and its unit, e.g. 4.2 and "s". */
  value: number;
  unit: string;
  /** The target from the issue, when there is one, in the same unit; `pass` says whether it was met. */
  target?: number;
  pass?: boolean;
  /** Anything a reader needs to interpret the figure (runs, median of N, sizes, counts). */
  note?: string;
}

export interface BenchSuite {
  name: string;
  /** Runs the suite; a suite that cannot run here (a missing peer) returns rows with a note, never throws. */
  run(): Promise<BenchRow[]>;
}
