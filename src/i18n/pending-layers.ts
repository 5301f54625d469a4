/**
 * Messages for the new thematic layers and the filter, waiting to be merged into zh-CN.ts and en.ts
 * (then this file goes away). Keys are listed by the modules that use them: the `*_I18N_KEYS`
 * constants of src/layers/<name>/ (all gathered in src/layers/catalog) and FILTER_I18N_KEYS in
 * src/app/filters.ts. Labels of contract enum values (supervision level, lane status, obstacle type,
 * sensor kind, alarm level, station kind, severity, hazard status, premise category) are not here:
 * they come from the data contract.
 */
const zhCN = {
  'legend.hazard_areas.title': '区域性火灾隐患（按挂牌督办级别）',
  'legend.hazard_areas.closed': '已销案（淡显）',
  'legend.fire_lanes.title': '消防车通道（按状态）与障碍物',
  'legend.fire_lanes.removed': '已清除的障碍物',
  'legend.hydrant_rings.title': '消火栓保护半径',
  'legend.hydrant_rings.covered': '在用消火栓保护范围',
  'legend.sensors.title': '物联网设备（按类型）',
  'legend.sensors.offline': '离线（空心）',
  'legend.alarms.title': '物联网告警（按级别）',
  'legend.alarms.unacknowledged': '未确认（闪烁光圈）',
  'legend.alarms.older': '较早的告警（渐淡）',
  'legend.grids.title': '网格',
  'legend.grids.outline': '网格边界与编号',
  'legend.stations.title': '消防队站（按类型）',
  'legend.premises_risk.title': '场所（按隐患风险）',
  'premises.risk.high': '高：有重大隐患，或较大隐患逾期',
  'premises.risk.medium': '中：有较大隐患、逾期隐患或多项隐患',
  'premises.risk.low': '低：有一般隐患未整改',
  'premises.risk.none': '无未整改隐患',
  'filter.title': '筛选',
  'filter.clear': '清除筛选',
  'filter.communities': '社区/村',
  'filter.grids': '网格',
  'filter.categories': '场所类别',
  'filter.severities': '隐患等级',
  'filter.statuses': '整改状态',
  'filter.status.overdue': '逾期未整改',
  'filter.key_units_only': '仅看消防安全重点单位',
  'filter.supervision_levels': '挂牌督办级别',
  'filter.no_community': '未注明社区',
} as const satisfies Readonly<Record<string, string>>;

/** Every pending key. */
export type PendingLayerMessageKey = keyof typeof zhCN;

// Typed against the Chinese table: a missing or extra English key is a compile error.
const en: { readonly [K in PendingLayerMessageKey]: string } = {
  'legend.hazard_areas.title': 'Regional hazard areas (by supervision level)',
  'legend.hazard_areas.closed': 'Closed (faded)',
  'legend.fire_lanes.title': 'Fire lanes (by status) and obstacles',
  'legend.fire_lanes.removed': 'Obstacle removed',
  'legend.hydrant_rings.title': 'Hydrant protection radius',
  'legend.hydrant_rings.covered': 'Within reach of an in-service hydrant',
  'legend.sensors.title': 'IoT sensors (by kind)',
  'legend.sensors.offline': 'Offline (hollow)',
  'legend.alarms.title': 'IoT alarms (by level)',
  'legend.alarms.unacknowledged': 'Not acknowledged (pulsing ring)',
  'legend.alarms.older': 'Older alarms (fading)',
  'legend.grids.title': 'Grid cells',
  'legend.grids.outline': 'Cell boundary and id',
  'legend.stations.title': 'Fire stations and teams (by kind)',
  'legend.premises_risk.title': 'Premises (by hazard risk)',
  'premises.risk.high': 'High: a major hazard, or a larger one overdue',
  'premises.risk.medium': 'Medium: a larger, overdue or several open hazards',
  'premises.risk.low': 'Low: general hazards open',
  'premises.risk.none': 'No open hazard',
  'filter.title': 'Filter',
  'filter.clear': 'Clear filter',
  'filter.communities': 'Community/village',
  'filter.grids': 'Grid cell',
  'filter.categories': 'Premise category',
  'filter.severities': 'Hazard severity',
  'filter.statuses': 'Rectification status',
  'filter.status.overdue': 'Overdue',
  'filter.key_units_only': 'Key fire-safety units only',
  'filter.supervision_levels': 'Supervision level',
  'filter.no_community': 'No community given',
};

/** The pending messages per language, in the shape of the app's tables. */
export const pendingLayerMessages: {
  readonly 'zh-CN': { readonly [K in PendingLayerMessageKey]: string };
  readonly en: { readonly [K in PendingLayerMessageKey]: string };
} = { 'zh-CN': zhCN, en };

export default pendingLayerMessages;
