/**
 * `npm run demo-data`: the whole demo data set. Scale 1 is one district; scale N lays N districts
 * (tiles) out in a grid, each from its own derived seed with its ids prefixed (T07-…), generated and
 * written one at a time so memory stays flat. Files are written in a fixed order, and the manifest
 * last (it is deleted first), so an interrupted run never leaves a manifest naming half files.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localProjection } from '../analysis/geo.ts';
import type { Kind } from '../sources/contract/kinds.ts';
import type { Manifest, SourceSpec } from '../sources/manifest-types.ts';
import { isoDateTime } from './dates.ts';
import { BASE_FILES } from './base.ts';
import { CONTRACT_FILES, generateTile, type ContractFile } from './district.ts';
import { TILE_HEIGHT, TILE_WIDTH } from './geography.ts';
import { asOfMoment } from './iot.ts';
import type { DemoMeta, TileTargets } from './meta.ts';
import { hash32 } from './rng.ts';
import { CollectionWriter, featureLine, rawFeatureLine } from './write.ts';

/** Centre of the demo (near Jinjiang, Fujian), [lon, lat]. */
export const DEMO_CENTER: [number, number] = [118.58, 24.8];
/** Seed used by `npm run demo-data` and ensure-demo when none is given. */
export const DEFAULT_SEED = 20261127;
/** The demo's "today": hazard deadlines, alarm windows and sensor times are relative to it. */
export const DEFAULT_AS_OF = '2026-11-27';
/** Space between neighbouring tiles (fields and a ring road in real life). */
const TILE_GAP = 200;

/** Options of one generation run (see the CLI). */
export interface DemoOptions {
  seed: number;
  scale: number;
  asOf: string;
  out: string;
}

/** One written file: path relative to the output folder, feature count, bytes. */
export interface FileSummary {
  path: string;
  features: number;
  bytes: number;
}

/** What a run wrote. */
export interface DemoSummary {
  files: FileSummary[];
  meta: DemoMeta;
}

const TITLES: Record<ContractFile, string> = {
  premises: '场所', hazard_areas: '区域性火灾隐患', fire_lanes: '消防车通道', hydrants: '市政消火栓', grids: '网格', stations: '消防站点', buildings: '建筑', roads: '道路',
};
const REFRESH: Record<ContractFile, number> = { premises: 600, hazard_areas: 3600, fire_lanes: 600, hydrants: 300, grids: 3600, stations: 3600, buildings: 3600, roads: 3600 };

/** How the IoT platform's Chinese fields map onto the contract; labels the enum aliases already know need no entry. */
export const SENSOR_MAPPING = {
  fields: { 设备编号: 'id', 设备名称: 'name', 设备类型: 'kind', 所属场所: 'premise_id', 在线状态: 'online', 最后在线时间: 'last_seen' },
  values: { kind: { 消火栓水压: 'water_pressure' } },
};
/** Field mapping of the platform's alarm export. */
export const ALARM_MAPPING = {
  fields: { 告警编号: 'id', 设备编号: 'sensor_id', 所属场所: 'premise_id', 设备类型: 'kind', 告警级别: 'level', 告警时间: 'time', 确认状态: 'acknowledged', 处理状态: 'resolved', 告警内容: 'message' },
  values: { kind: { 消火栓水压: 'water_pressure' } },
};

/** Generates the demo into opts.out; `log` hears one line per tile. */
export function generateDemo(opts: DemoOptions, log: (line: string) => void = () => {}): DemoSummary {
  if (!Number.isInteger(opts.scale) || opts.scale < 1) throw new Error(`--scale must be a positive integer, got ${opts.scale}`);
  rmSync(join(opts.out, 'manifest.json'), { force: true });
  const proj = localProjection(DEMO_CENTER[0], DEMO_CENTER[1]);
  const cols = Math.ceil(Math.sqrt(opts.scale));
  const rows = Math.ceil(opts.scale / cols);
  const writers = new Map<string, CollectionWriter>();
  const writer = (path: string): CollectionWriter => {
    let w = writers.get(path);
    if (!w) writers.set(path, (w = new CollectionWriter(join(opts.out, path))));
    return w;
  };
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  let tile0: { targets: TileTargets; streetOffice: string; communities: string[] } | null = null;
  for (let t = 0; t < opts.scale; t++) {
    const col = t % cols, row = Math.floor(t / cols);
    const flips = t === 0 ? 0 : hash32(`${opts.seed}/flip-${t}`) % 4;
    const tile = generateTile({
      seed: t === 0 ? String(opts.seed) : `${opts.seed}/tile-${t}`,
      prefix: opts.scale === 1 ? '' : `T${String(t).padStart(opts.scale > 100 ? 4 : opts.scale > 10 ? 3 : 2, '0')}-`,
      origin: [(col - (cols - 1) / 2) * (TILE_WIDTH + TILE_GAP), (row - (rows - 1) / 2) * (TILE_HEIGHT + TILE_GAP)],
      flipX: (flips & 1) === 1, flipY: (flips & 2) === 2, asOf: opts.asOf, proj,
    });
    for (const kind of CONTRACT_FILES) {
      const w = writer(`${kind}.geojson`);
      for (const f of tile.contract[kind]) w.add(featureLine(kind as Kind, f));
    }
    const ws = writer('iot/sensors.geojson');
    for (const f of tile.sensors) ws.add(rawFeatureLine(f));
    const wa = writer('iot/alarms.geojson');
    for (const f of tile.alarms) wa.add(rawFeatureLine(f));
    // The basemap's base geography: not contract data, so not in the manifest (docs/demo-district.md).
    for (const path of BASE_FILES) {
      const wb = writer(path);
      for (const f of tile.base[path]) wb.add(rawFeatureLine(f));
    }
    bbox[0] = Math.min(bbox[0], tile.bbox[0]);
    bbox[1] = Math.min(bbox[1], tile.bbox[1]);
    bbox[2] = Math.max(bbox[2], tile.bbox[2]);
    bbox[3] = Math.max(bbox[3], tile.bbox[3]);
    if (t === 0) tile0 = tile;
    log(`tile ${t + 1}/${opts.scale}: ${tile.streetOffice}, ${tile.contract.buildings.length} buildings, ${tile.contract.premises.length} premises, ${tile.alarms.length} alarms`);
  }
  const files: FileSummary[] = [...writers.values()].map((w) => ({ path: w.path.slice(opts.out.length + 1), features: w.count, bytes: w.close() }));
  const size = new Map(files.map((f) => [f.path, f.bytes]));
  const spec = (id: string, kind: Kind, path: string, crs: SourceSpec['crs'], refresh_s: number, title: string, mapping?: SourceSpec['mapping']): SourceSpec => {
    const mib = (size.get(path) ?? 0) / 1048576;
    return { id, kind, path, crs, refresh_s, title, ...(mapping ? { mapping } : {}), ...(mib > 64 ? { max_mb: Math.ceil(mib * 1.25) } : {}) };
  };
  const first = tile0 as NonNullable<typeof tile0>;
  const manifest: Manifest = {
    version: 1,
    name: opts.scale === 1 ? `${first.streetOffice}消防安全一张图（演示数据）` : `消防安全一张图（演示数据，${opts.scale}个街道）`,
    bbox,
    as_of: isoDateTime(asOfMoment(opts.asOf)),
    sources: [
      ...CONTRACT_FILES.map((k) => spec(k, k, `${k}.geojson`, 'WGS84', REFRESH[k], TITLES[k])),
      spec('iot-sensors', 'sensors', 'iot/sensors.geojson', 'GCJ02', 60, '物联网平台·设备', SENSOR_MAPPING),
      spec('iot-alarms', 'alarms', 'iot/alarms.geojson', 'GCJ02', 30, '物联网平台·告警', ALARM_MAPPING),
    ],
  };
  const meta: DemoMeta = {
    generator: 'fire-one-map demo-data', seed: opts.seed, as_of: opts.asOf, as_of_time: isoDateTime(asOfMoment(opts.asOf)), scale: opts.scale, tiles: opts.scale,
    center: DEMO_CENTER, bbox, street_office: first.streetOffice, communities: first.communities,
    counts: Object.fromEntries(files.map((f) => [f.path, f.features])), targets: first.targets,
  };
  writeFileSync(join(opts.out, 'demo-meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  writeFileSync(join(opts.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { files, meta };
}
