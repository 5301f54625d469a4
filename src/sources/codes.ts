/**
 * The catalogue of report codes. Codes are stable: the UI translates a report entry by its code and
 * `params`, and tests and scripts match on them, so rename one only together with its translations.
 * Each code lists the params it carries (all strings or numbers).
 */
export const REPORT_CODES = {
  // Whole file: one error, no features.
  'file.empty': { severity: 'error', params: [], summary: 'the file is empty' },
  'file.too_large': { severity: 'error', params: ['limitMiB', 'bytes'], summary: 'the file exceeds the source’s max_mb' },
  'file.missing': { severity: 'error', params: ['path'], summary: 'the file named by the source does not exist' },
  'file.unreadable': { severity: 'error', params: ['detail'], summary: 'the file could not be read or fetched' },
  'file.encoding': { severity: 'warning', params: ['encoding'], summary: 'not UTF-8; decoded as GB18030' },
  'json.invalid': { severity: 'error', params: ['detail', 'line', 'column'], summary: 'not JSON' },
  'collection.not_feature_collection': { severity: 'error', params: ['found'], summary: 'JSON but not a FeatureCollection' },
  'collection.crs_mismatch': { severity: 'warning', params: ['declared', 'used'], summary: 'the file’s own "crs" member disagrees with the manifest' },
  // One feature: an error drops it, a warning keeps it.
  'feature.invalid': { severity: 'error', params: ['found'], summary: 'an entry of "features" is not a Feature' },
  'feature.properties': { severity: 'error', params: ['found'], summary: '"properties" is not an object' },
  'geometry.missing': { severity: 'error', params: [], summary: 'no geometry' },
  'geometry.type': { severity: 'error', params: ['found', 'allowed'], summary: 'a geometry type the kind does not allow' },
  'geometry.coordinates': { severity: 'error', params: ['detail'], summary: 'coordinates not numbers, malformed or out of range' },
  'geometry.coerced': { severity: 'warning', params: ['count'], summary: 'coordinates written as text, read as numbers' },
  'geometry.swapped': { severity: 'warning', params: ['swapped', 'total'], summary: 'latitude and longitude swapped; swapped back' },
  'geometry.empty': { severity: 'error', params: [], summary: 'a geometry with no coordinates' },
  'geometry.line_degenerate': { severity: 'error', params: ['positions'], summary: 'a line with fewer than two distinct positions' },
  'geometry.ring_unclosed': { severity: 'warning', params: ['ring'], summary: 'a polygon ring not closed; closed' },
  'geometry.ring_degenerate': { severity: 'error', params: ['ring', 'positions'], summary: 'a ring with fewer than 4 positions or no area' },
  'id.duplicate': { severity: 'error', params: ['id', 'firstIndex'], summary: 'an id already used by an earlier feature' },
  // One field: an error on a required field drops the feature (or the nested item); otherwise a warning drops the field.
  'field.required': { severity: 'error', params: [], summary: 'a required field is missing' },
  'field.type': { severity: 'error|warning', params: ['expected', 'value'], summary: 'a value that cannot be read as the field’s type' },
  'field.coerced': { severity: 'warning', params: ['from', 'to'], summary: 'a value read from another representation (text number, 是/否, date format, …)' },
  'enum.unknown': { severity: 'error|warning', params: ['value', 'enum', 'expected', 'fallback'], summary: 'a label no enumeration value or alias matches' },
  'date.invalid': { severity: 'error|warning', params: ['value'], summary: 'not a date' },
  'date.order': { severity: 'warning', params: ['earlier', 'later', 'earlierValue', 'laterValue'], summary: 'a date before the one it must follow; the later field is dropped' },
  'number.range': { severity: 'error|warning', params: ['value', 'min', 'max'], summary: 'a number outside the field’s range' },
  'number.integer': { severity: 'error|warning', params: ['value'], summary: 'a fraction where a whole number is expected' },
  'item.invalid': { severity: 'error', params: ['found'], summary: 'a nested item (hazard, obstacle, action) that is not an object' },
  'report.more': { severity: 'warning', params: ['code', 'count'], summary: 'further warnings of one code and field, counted but not listed' },
  // Manifest.
  'manifest.invalid': { severity: 'error', params: ['found'], summary: 'the manifest is not a JSON object' },
  'manifest.version': { severity: 'error|warning', params: ['found'], summary: 'version missing (1 assumed) or unsupported' },
  'manifest.sources': { severity: 'error', params: [], summary: '"sources" missing or not an array' },
  'manifest.source': { severity: 'error', params: ['found'], summary: 'a source entry that is not an object' },
  'manifest.id': { severity: 'error', params: [], summary: 'a source without a usable id' },
  'manifest.id_duplicate': { severity: 'error', params: ['id', 'firstIndex'], summary: 'two sources with the same id' },
  'manifest.kind': { severity: 'error', params: ['found', 'expected'], summary: 'an unknown kind' },
  'manifest.path': { severity: 'error', params: [], summary: 'a source without a path' },
  'manifest.crs': { severity: 'error', params: ['found', 'expected'], summary: 'an unknown coordinate system' },
  'manifest.crs_default': { severity: 'warning', params: [], summary: 'no crs given; WGS84 assumed' },
  'manifest.refresh_s': { severity: 'warning', params: ['found'], summary: 'refresh_s not a number ≥ 0; ignored' },
  'manifest.max_mb': { severity: 'warning', params: ['found'], summary: 'max_mb not a number > 0; the default is used' },
  'manifest.mapping': { severity: 'warning', params: ['detail'], summary: 'a malformed part of "mapping"; ignored' },
  'manifest.mapping_target': { severity: 'warning', params: ['target'], summary: 'a mapping to a property the kind does not have; ignored' },
  'manifest.bbox': { severity: 'warning', params: [], summary: 'bbox not [west, south, east, north] in degrees; ignored' },
  'manifest.as_of': { severity: 'warning', params: [], summary: 'as_of not an ISO date-time; ignored (the clock is used)' },
  'manifest.field': { severity: 'warning', params: ['expected'], summary: 'name/title not a string; ignored' },
  // Rules file (data/rules.json, analyze --rules): the field is the rule path; a bad leaf keeps its default.
  'rules.invalid': { severity: 'error', params: ['found'], summary: 'the rules file is not a JSON object shaped like the rules table; defaults used' },
  'rules.unknown': { severity: 'error', params: ['known'], summary: 'a key the rules table does not have; ignored' },
  'rules.bare_value': { severity: 'error', params: ['value'], summary: 'a bare value where a rule object { "value": … } belongs; ignored' },
  // Folders read without a manifest (check-data).
  'sources.none': { severity: 'error', params: [], summary: 'no manifest and no file named after a kind' },
  'sources.ignored_file': { severity: 'warning', params: [], summary: 'a file not named after a kind; not read' },
} as const satisfies Record<string, { severity: string; params: readonly string[]; summary: string }>;

export type ReportCode = keyof typeof REPORT_CODES;
