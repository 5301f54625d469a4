/**
 * data/demo-meta.json: how the demo was made and where its deliberate findings are, so tests and
 * later features can find them without searching. Targets are those of tile 0.
 */
export interface SeparationTarget {
  a: string;
  b: string;
  gap_m: number;
  required_m: number;
  clause: string;
  note: string;
}

/** Ids of the deliberate findings of one tile. */
export interface TileTargets {
  /** A 丙-class factory closer to a dwelling than GB 50016 §3.4.1 allows. */
  factory_civil: { factory_building: string; dwelling_building: string; factory_premise: string | null; gap_m: number; required_m: number; clause: string } | null;
  /** Civil pairs closer than §5.2.2 allows (some also below 80 % of it). */
  separation_pairs: SeparationTarget[];
  /** Three-in-one premises (people sleeping) in grade-3/4 self-built houses. */
  three_in_one: string[];
  /** Buildings beyond 150 m of every in-service hydrant (straight line from the footprint). */
  hydrant_gap: { building: string; area: string; distance_m: number }[];
  /** A blocked fire lane on the shortest street route from the fire station to a premise. */
  blocked_route: { station: string; premise: string; lane: string; length_m: number; avoid_length_m: number | null } | null;
  /** A major hazard past its deadline, under supervision. */
  overdue_major: { premise: string; hazard: string } | null;
  /** Premises in the deliberate hole of the grid. */
  outside_grid: string[];
  /** Grid cells without a grid worker. */
  unstaffed_cells: string[];
}

/** The content of data/demo-meta.json. */
export interface DemoMeta {
  generator: string;
  seed: number;
  as_of: string;
  /** The "now" of the real-time sources (alarms, sensors, hydrant pressure). */
  as_of_time: string;
  scale: number;
  tiles: number;
  center: [number, number];
  bbox: [number, number, number, number];
  street_office: string;
  communities: string[];
  counts: Record<string, number>;
  targets: TileTargets;
}
