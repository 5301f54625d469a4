/**
 * The check-data command as a person runs it, in a child process, checking exit codes and that the
 * output names the file, the feature and the field. The first test goes through `npx tsx` exactly as
 * documented; the rest use `node --import tsx` (the same loader without npx's second of start-up)
 * and run concurrently, to keep the file fast on a small machine.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { BAD_CASES } from './fixtures/bad/cases.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Run { code: number; stdout: string; stderr: string }

function run(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const runNpx = (...args: string[]): Promise<Run> => run('npx', ['tsx', 'src/cli/check-data.ts', ...args]);
const checkData = (...args: string[]): Promise<Run> => run(process.execPath, ['--import', 'tsx', 'src/cli/check-data.ts', ...args]);

describe.concurrent('check-data', () => {
  it('exits 0 on the good folder and lists every source (via npx tsx)', async ({ expect }) => {
    const result = await runNpx('test/fixtures/good');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('hydrants-gcj02.geojson  [hydrants, source "hydrants-water-co"]  read 3, kept 3, dropped 0; 0 errors, 0 warnings');
    expect(result.stdout).toMatch(/OK: 0 errors, 0 warnings in 10 sources\n$/);
  });

  it('prints machine-readable JSON with --json', async ({ expect }) => {
    const result = await checkData('test/fixtures/mixed', '--json');
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { totals: { errors: number; warnings: number }; report: unknown[]; results: { sourceId: string; collection?: unknown; report: { code: string }[] }[] };
    expect(json.totals).toEqual({ errors: 3, warnings: 2 });
    expect(json.report).toHaveLength(2);
    expect(json.results.map((r) => [r.sourceId, r.report.map((e) => e.code)])).toEqual([
      ['premises', ['json.invalid']], ['stations', ['file.missing']], ['hydrants', ['enum.unknown']], ['roads', []],
    ]);
    expect(json.results[0]).not.toHaveProperty('collection');
  });

  // Warning-only fixtures (repairs) pass unless warnings are capped, so they run with --max-warnings 0.
  const files = [...new Set(BAD_CASES.map((c) => c.file))];
  for (const file of files) it(`exits 1 on bad/${file} and names file, feature and field`, async ({ expect }) => {
    const cases = BAD_CASES.filter((c) => c.file === file);
    const warningsOnly = cases.every((c) => c.severity === 'warning');
    const result = await checkData(`test/fixtures/bad/${file}`, ...(warningsOnly ? ['--max-warnings', '0'] : []));
    expect(result.code, result.stdout + result.stderr).toBe(1);
    for (const c of cases) {
      const line = result.stdout.split('\n').find((l) => l.includes(`[${c.code}]`) && (c.featureIndex === undefined || l.includes(`feature #${c.featureIndex} `)));
      expect(line, result.stdout).toBeDefined();
      expect(line).toContain(file);
      if (c.featureId) expect(line).toContain(`(id ${c.featureId})`);
      if (c.field) expect(line).toContain(`field "${c.field}"`);
      expect(line).toContain(c.severity === 'error' ? 'ERROR' : 'warning');
    }
  });

  it('exits 0 on warnings alone and on warnings within --max-warnings', async ({ expect }) => {
    expect((await checkData('test/fixtures/bad/hydrants.swapped.geojson')).code).toBe(0);
    expect((await checkData('test/fixtures/bad/hydrants.swapped.geojson', '--max-warnings', '1')).code).toBe(0);
  });

  const usageErrors = [[], ['--nope', 'test/fixtures/good'], ['does/not/exist'], ['--max-warnings', 'x', 'test/fixtures/good'], ['package.json']];
  for (const args of usageErrors) it(`exits 2 on usage errors: ${JSON.stringify(args)}`, async ({ expect }) => {
    const result = await checkData(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: npm run check-data');
  });
});
