/**
 * The analysis layer: pure functions over typed GeoJSON, metres inside, coloured GeoJSON out
 * (simplestyle `stroke` / `fill` / `marker-color`). Imports nothing above `sources/contract`.
 */
export * from './rules.ts';
export * from './geo.ts';
export * from './street-graph.ts';
export { packPolygons, pointInFeature, pointFeatureDistance, featureDistance, featureSegmentDistance, contactKind, type PackedPolygons } from './packed.ts';
export { COLOURS, projectionFor, anchorXY, openHazards, OPEN_STATUSES, type SimpleStyle } from './common.ts';
export { graphFromRoads, snapMany, splitGraph, multiSourceDijkstra, distanceAt, preferNamedRoad, type RoadGraph, type Snaps, type SplitGraph, type Search } from './network.ts';
export {
  findSeparationDeficiencies, separationPairs, type SeparationFinding, type SeparationOptions, type SeparationReduction, type SeparationPairs, type PairFilter,
} from './separation.ts';
export { hydrantCoverage, type HydrantCoverageOptions, type HydrantCoverageProps, type HydrantStatus, type Targets, type TargetGeometry } from './hydrant-coverage.ts';
export { hydrantNetworkCoverage, blockedLanes, type HydrantNetworkOptions, type HydrantNetworkProps, type Lines } from './hydrant-network.ts';
export { hydrantSpacing, type HydrantSpacingOptions, type HydrantSpacingProps, type RoadClass } from './hydrant-spacing.ts';
export { coverageGrid, coverageByArea, layoutCells, type CoverageGridOptions, type CoverageCellProps, type CoverageStatus, type AreaCoverageProps, type AreaInput } from './coverage-grid.ts';
export { findMixing, type MixingFinding, type MixingKind, type MixingReason, type MixingOptions } from './mixing.ts';
export {
  premisesOutsideGrids, overlappingGridCells, unstaffedGridCells, gridWorkload, iotConnectionByCommunity, workersOf,
  type OutsideGridProps, type OverlapProps, type WorkloadProps, type IotCommunityProps,
} from './grid-coverage.ts';
export { stationResponse, type StationResponseOptions, type StationResponseProps, type ResponseStatus } from './station-response.ts';
export { hazardClusters, dbscan, convexHull, type ClusterOptions, type ClusterProps } from './clusters.ts';
