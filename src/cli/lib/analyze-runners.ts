/**
 * The analyses `npm run analyze` can run: what each needs from the district, its own options, and how
 * it turns into one GeoJSON FeatureCollection and a one-line summary. The analysis functions live in
 * src/analysis; this file only wires them to the command line.
 */
import type { FeatureCollection, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import {
  blockedLanes, findMixing, findSeparationDeficiencies, gridWorkload, hazardClusters, hydrantCoverage, hydrantNetworkCoverage, hydrantSpacing,
  iotConnectionByCommunity, overlappingGridCells, premisesOutsideGrids, unstaffedGridCells, type Rules, type Targets,
} from '../../analysis/index.ts';
import type { Kind } from '../../sources/contract/kinds.ts';
import type { BuildingProps, FireLaneProps, GridProps, HazardAreaProps, HydrantProps, PremiseProps, RoadProps } from '../../sources/contract/types.ts';
import { UsageError } from './read-sources.ts';

/** What the command read, by kind (absent kinds are missing). */
export interface Inputs {
  buildings?: FeatureCollection<Polygon | MultiPolygon, BuildingProps>;
  premises?: FeatureCollection<Point | Polygon | MultiPolygon, PremiseProps>;
  hydrants?: FeatureCollection<Point, HydrantProps>;
  roads?: FeatureCollection<LineString | MultiLineString, RoadProps>;
  fire_lanes?: FeatureCollection<LineString | MultiLineString, FireLaneProps>;
  grids?: FeatureCollection<Polygon | MultiPolygon, GridProps>;
  hazard_areas?: FeatureCollection<Polygon | MultiPolygon, HazardAreaProps>;
  [kind: string]: FeatureCollection | undefined;
}

export interface OptionSpec {
  /** Allowed values; a flag when neither this nor `number` is given. */
  values?: readonly string[];
  /** A number at least `min` (a whole number when `integer`). */
  number?: { min: number; integer?: boolean };
  default?: string;
  help: string;
}

export interface RunResult {
  result: FeatureCollection<Geometry | null, object>;
  /** One line for stderr, e.g. "7,110 deficient pairs (2,405 major)". */
  summary: string;
}

export interface Runner {
  name: string;
  /** One line for the usage text. */
  title: string;
  /** Kinds that must be present (given the options). */
  needs(options: Readonly<Record<string, string | boolean>>): Kind[];
  /** Kinds used when present. */
  optional?: Kind[];
  options: Readonly<Record<string, OptionSpec>>;
  run(inputs: Inputs, rules: Rules, options: Readonly<Record<string, string | boolean>>): RunResult;
}

const n = (x: number): string => x.toLocaleString('en-US');
const count = <T>(xs: readonly T[], pred: (x: T) => boolean): number => xs.reduce((k, x) => k + (pred(x) ? 1 : 0), 0);
const need = <T>(x: T | undefined, kind: string): T => {
  if (!x) throw new UsageError(`no ${kind} in the data`);
  return x;
};

const separation: Runner = {
  name: 'separation',
  title: 'pairs of buildings closer than GB 50016 requires (防火间距不足)',
  needs: () => ['buildings'],
  options: {
    overlapping: { help: 'also report overlapping footprints (data errors; left out by default)' },
  },
  run(inputs, rules, options) {
    const result = findSeparationDeficiencies(need(inputs.buildings, 'buildings'), { rules, overlapping: options.overlapping === true });
    const f = result.features;
    const major = count(f, (x) => x.properties.major);
    const touching = count(f, (x) => x.properties.contact === 'touching');
    return { result, summary: `${n(f.length)} deficient pairs (${n(major)} major, below ${rules.major_hazard.separation_fraction.value * 100} %; ${n(touching)} touching)` };
  },
};

const TARGET_KINDS = ['buildings', 'premises'] as const;

const coverage: Runner = {
  name: 'hydrant-coverage',
  title: 'per building (or premise): nearest in-service hydrant, distance, covered within the radius',
  needs: (o) => [(o.targets as Kind | undefined) ?? 'buildings', 'hydrants', ...(o.network ? ['roads' as Kind] : [])],
  optional: ['fire_lanes'],
  options: {
    targets: { values: TARGET_KINDS, default: 'buildings', help: 'what to cover' },
    network: { help: 'measure along the streets (roads; blocked fire lanes left out) as well as in a straight line' },
  },
  run(inputs, rules, options) {
    const kind = (options.targets as (typeof TARGET_KINDS)[number] | undefined) ?? 'buildings';
    const targets = need(inputs[kind], kind) as Targets;
    const hydrants = need(inputs.hydrants, 'hydrants');
    const radius = rules.hydrant.protection_radius_m.value;
    if (options.network) {
      const blocked = inputs.fire_lanes ? blockedLanes(inputs.fire_lanes) : undefined;
      const result = hydrantNetworkCoverage(targets, hydrants, need(inputs.roads, 'roads'), { rules, ...(blocked ? { blocked } : {}) });
      const f = result.features;
      return {
        result,
        summary: `${n(f.length)} ${kind}: ${n(count(f, (x) => !x.properties.covered_network))} beyond ${radius} m along streets, `
          + `${n(count(f, (x) => !x.properties.covered))} in a straight line${blocked ? ` (${n(blocked.features.length)} blocked lanes left out)` : ''}`,
      };
    }
    const result = hydrantCoverage(targets, hydrants, { rules });
    const f = result.features;
    return {
      result,
      summary: `${n(f.length)} ${kind}: ${n(count(f, (x) => !x.properties.covered))} beyond ${radius} m of an in-service hydrant `
        + `(${n(count(f, (x) => x.properties.covered_only_by_out_of_service))} of them near only out-of-service ones)`,
    };
  },
};

const spacing: Runner = {
  name: 'hydrant-spacing',
  title: 'stretches of road where in-service hydrants are farther apart than the spacing rule',
  needs: () => ['hydrants', 'roads'],
  optional: ['fire_lanes'],
  options: {},
  run(inputs, rules) {
    const blocked = inputs.fire_lanes ? blockedLanes(inputs.fire_lanes) : undefined;
    const result = hydrantSpacing(need(inputs.hydrants, 'hydrants'), need(inputs.roads, 'roads'), { rules, ...(blocked ? { blocked } : {}) });
    const f = result.features;
    return { result, summary: `${n(count(f, (x) => x.properties.kind === 'gap'))} gaps over ${rules.hydrant.spacing_m.value} m, ${n(count(f, (x) => x.properties.kind === 'no_hydrant'))} roads without a hydrant` };
  },
};

const mixing: Runner = {
  name: 'mixing',
  title: 'factory–residence mixing: three-in-one premises, mixed buildings, dwellings near factories, workshops in hazard areas',
  needs: () => ['premises', 'buildings'],
  optional: ['hazard_areas'],
  options: {},
  run(inputs, rules) {
    const result = findMixing(need(inputs.premises, 'premises'), need(inputs.buildings, 'buildings'), inputs.hazard_areas, { rules });
    const f = result.features;
    const kinds = ['three_in_one', 'mixed_building', 'dwelling_near_factory', 'workshop_in_hazard_area'] as const;
    return { result, summary: `${n(f.length)} findings (${n(count(f, (x) => x.properties.major))} major): ${kinds.map((k) => `${k} ${n(count(f, (x) => x.properties.kind === k))}`).join(', ')}` };
  },
};

const GRID_CHECKS = ['all', 'outside', 'overlaps', 'unstaffed', 'workload', 'iot'] as const;
type GridCheck = (typeof GRID_CHECKS)[number];

const gridCoverage: Runner = {
  name: 'grid-coverage',
  title: 'grid management: premises outside every cell, overlapping cells, cells without a worker, load per cell, IoT connection of key units',
  needs: (o) => (o.check === 'iot' ? ['premises'] : o.check === 'overlaps' || o.check === 'unstaffed' ? ['grids'] : ['premises', 'grids']),
  options: {
    check: { values: GRID_CHECKS, default: 'all', help: 'one check, or all of them (each feature says which in `check`)' },
  },
  run(inputs, _rules, options) {
    const want = (options.check as GridCheck | undefined) ?? 'all';
    const on = (c: GridCheck): boolean => want === 'all' || want === c;
    const features: FeatureCollection<Geometry | null, object>['features'] = [];
    const parts: string[] = [];
    const tag = <P extends object>(check: string, fc: FeatureCollection<Geometry, P>, what: string): void => {
      for (const f of fc.features) features.push({ ...f, properties: { check, ...f.properties } });
      parts.push(`${check} ${n(fc.features.length)} ${what}`);
    };
    if (on('outside')) tag('outside', premisesOutsideGrids(need(inputs.premises, 'premises'), need(inputs.grids, 'grids')), 'premises outside every cell');
    if (on('overlaps')) tag('overlaps', overlappingGridCells(need(inputs.grids, 'grids')), 'overlaps');
    if (on('unstaffed')) tag('unstaffed', unstaffedGridCells(need(inputs.grids, 'grids')), 'cells without a worker');
    if (on('workload')) tag('workload', gridWorkload(need(inputs.grids, 'grids'), need(inputs.premises, 'premises')), 'cells');
    if (on('iot')) {
      const iot = iotConnectionByCommunity(need(inputs.premises, 'premises'), { rules: _rules });
      tag('iot', iot, 'communities');
      const below = count(iot.features, (x) => !x.properties.meets_target);
      parts[parts.length - 1] += ` (${n(below)} below the target)`;
    }
    return { result: { type: 'FeatureCollection', features }, summary: parts.join('; ') };
  },
};

const clusters: Runner = {
  name: 'clusters',
  title: 'clusters of premises with open hazards (DBSCAN): candidate regional hazard areas',
  needs: () => ['premises'],
  optional: ['hazard_areas'],
  options: {
    eps: { number: { min: 0.1 }, default: '60', help: 'neighbourhood radius, metres' },
    'min-points': { number: { min: 1, integer: true }, default: '5', help: 'premises within eps for a core point' },
    weighted: { help: 'weigh premises by their open hazards\' severities (general 1, larger 2, major 3)' },
  },
  run(inputs, _rules, options) {
    const result = hazardClusters(need(inputs.premises, 'premises'), inputs.hazard_areas, {
      eps_m: Number(options.eps ?? 60), minPoints: Number(options['min-points'] ?? 5), weighted: options.weighted === true,
    });
    const f = result.features;
    return { result, summary: `${n(f.length)} clusters of ${n(f.reduce((k, x) => k + x.properties.premises, 0))} premises; ${n(count(f, (x) => !x.properties.covered_by_declared_area))} not covered by a declared hazard area` };
  },
};

/** Every analysis by command name, in the order of the usage text. */
export const RUNNERS: readonly Runner[] = [mixing, separation, coverage, spacing, gridCoverage, clusters];

export function runnerByName(name: string): Runner | undefined {
  return RUNNERS.find((r) => r.name === name);
}
