/**
 * What the "one enterprise, one file" (一企一档) card shows about one premise, already assembled:
 * the card only formats and lays it out. Built by `premiseFile` in src/app/premise-file.ts (which
 * re-exports these types). They live beside the card, which renders them.
 *
 * Distances are straight-line metres from the premise's anchor (its point, or the centroid of its
 * polygon's outer ring). Dates are the contract's ISO strings.
 */
import type {
  AlarmProps, EnforcementAction, EnumOf, FireLaneProps, Hazard, HydrantProps, IsoDate, IsoDateTime, Obstacle, PremiseCategory,
  PremiseProps, SensorProps, SupervisionLevel,
} from '../../sources/contract/index.ts';

/** Longitude and latitude (WGS-84), what the map focuses on. */
export type LonLat = [number, number];

export type HydrantStatus = EnumOf<'hydrant_status'>;

/** Who the file is about. */
export interface PremiseHeader {
  readonly id: string;
  readonly name: string;
  readonly categories: readonly PremiseCategory[];
  readonly keyUnit: boolean;
  readonly highRiskUnit: boolean;
  readonly supervisionLevel?: SupervisionLevel;
  /** Where distances are measured from. */
  readonly lonLat: LonLat;
}

/** Premise properties shown as facts (id, name and hazards have their own places on the card). */
export type PremiseFactField = Exclude<keyof PremiseProps, 'id' | 'name' | 'hazards'>;
export type FactValue = string | number | boolean | readonly string[];

/** One row of the facts table, in contract order. */
export interface FactRow {
  readonly field: PremiseFactField;
  readonly value: FactValue;
  /** The contract flags the field as personal data (see src/app/mask.ts). */
  readonly personal: boolean;
  /** The value masked, present exactly when `personal` and the value is text. */
  readonly masked?: string;
}

export type HazardStage = 'found' | 'rectifying' | 'closed';

/** One step of a hazard's progress found → rectifying → closed. */
export interface HazardStep {
  readonly stage: HazardStage;
  /** The hazard has got this far. */
  readonly reached: boolean;
  /** The step the hazard is at now. */
  readonly current: boolean;
  /** When the step was reached, where the data says. */
  readonly date?: IsoDate;
}

/** One hazard on the timeline. */
export interface TimelineHazard {
  readonly id: string;
  readonly type: Hazard['type'];
  readonly severity: Hazard['severity'];
  readonly status: Hazard['status'];
  readonly foundAt: IsoDate;
  readonly deadline?: IsoDate;
  readonly closedAt?: IsoDate;
  readonly description?: string;
  /** Always three: found, rectifying, closed. */
  readonly steps: readonly HazardStep[];
  /** Not closed and past its deadline (`isOverdue` in src/sources/hazards.ts). */
  readonly overdue: boolean;
  /** Whole days past the deadline (Beijing dates); 0 when not overdue. */
  readonly daysOverdue: number;
}

/** One enforcement action, with the hazard it was taken on. */
export interface EnforcementRow extends EnforcementAction {
  readonly hazardId: string;
  readonly hazardType: Hazard['type'];
}

/** One alarm in the window. */
export interface AlarmRow {
  readonly id: string;
  readonly level: AlarmProps['level'];
  readonly time: IsoDateTime;
  readonly kind?: AlarmProps['kind'];
  readonly sensorId?: string;
  readonly acknowledged: boolean;
  readonly resolved: boolean;
  readonly message?: string;
}

/** One sensor of the premise with its recent alarms, newest first. */
export interface SensorRow {
  readonly id: string;
  readonly kind: SensorProps['kind'];
  readonly name?: string;
  /** Absent when the platform did not say. */
  readonly online?: boolean;
  readonly lastSeen?: IsoDateTime;
  readonly alarms: readonly AlarmRow[];
}

export interface SensorSummary {
  readonly list: readonly SensorRow[];
  /** Alarms filed against the premise without one of its sensors (no sensor id, or an unknown one). */
  readonly otherAlarms: readonly AlarmRow[];
  /** The window, in days before now. */
  readonly alarmDays: number;
}

/** One nearby hydrant. */
export interface HydrantRow {
  readonly id: string;
  readonly status: HydrantStatus;
  readonly type?: HydrantProps['type'];
  readonly road?: string;
  readonly distanceM: number;
  /** Within the protection radius (GB 50974-2014 §7.2.5). */
  readonly withinRadius: boolean;
  readonly lonLat: LonLat;
}

export interface HydrantSummary {
  /** Nearest first. */
  readonly nearest: readonly HydrantRow[];
  readonly radiusM: number;
  /** In-service hydrants within the radius (0: the premise has no hydrant protection). */
  readonly inServiceWithinRadius: number;
}

/** An obstacle on a lane; removed ones are kept for the record. */
export interface ObstacleRow extends Obstacle {
  readonly removed: boolean;
}

/** One fire lane near the premise. */
export interface LaneRow {
  readonly id: string;
  readonly name?: string;
  readonly status: FireLaneProps['status'];
  readonly widthM?: number;
  readonly distanceM: number;
  /** The lane's point nearest to the premise (what a click focuses on). */
  readonly lonLat: LonLat;
  /** Current obstacles first, then removed ones; newest first within each. */
  readonly obstacles: readonly ObstacleRow[];
}

export interface LaneSummary {
  /** Blocked first, then partly blocked, then clear; nearest first within each. */
  readonly list: readonly LaneRow[];
  readonly radiusM: number;
}

/** Everything the card shows about one premise. */
export interface PremiseFile {
  readonly premise: PremiseHeader;
  readonly facts: readonly FactRow[];
  /** Oldest first (by found_at). */
  readonly timeline: readonly TimelineHazard[];
  /** Newest first. */
  readonly enforcement: readonly EnforcementRow[];
  readonly sensors: SensorSummary;
  readonly hydrants: HydrantSummary;
  readonly lanes: LaneSummary;
}
