// Types of the triage layer: rules as data, detector context, and the candidate findings detectors return.
import type { NormalizedRow } from '../profiles/types';
import type { TriageFinding } from '../../contract/api';
import type { ReadableDB } from '../db/types';

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/** The correlation step a rule needs beyond its query; the detector of that kind does the grouping in SQL. */
export type Correlation =
  | { kind: 'new-signin-origin' }
  | { kind: 'signin-to-resource'; windowMinutes: number }
  | { kind: 'enumerate-then-retrieve'; windowMinutes: number }
  | { kind: 'many-vaults'; windowMinutes: number; minVaults: number }
  | { kind: 'novel-programmatic-client' }
  | { kind: 'multi-tool-session'; windowMinutes: number; minTools: number }
  | { kind: 'password-spray'; minUsers: number }
  | { kind: 'group-by-actor' };

export interface TriageRule {
  id: string;
  title: string;
  /** Severity when nothing raises or lowers it; the detector scores each finding. */
  severity: Severity;
  techniques: readonly string[];
  description: string;
  /** Loupe query over @ fields selecting the rows the rule looks at. */
  query: string;
  correlate?: Correlation;
  /** Report phase the draft files the finding under. */
  phase: string;
}

/** A row reference plus the normalized fields detectors reason about (the events table's columns, less correlation_id). */
export interface EventRow extends Omit<NormalizedRow, 'correlation_id'> {
  id: number;
  source_id: number;
  row: number;
}

/** A suspicious sign-in found by the new-origin detector; other detectors correlate on it. */
export interface SuspiciousSignin {
  user: string;
  userId: string | null;
  ip: string;
  first: number;
  last: number;
  score: number;
  severity: Severity;
  /** the sign-in presented a refresh token or primary refresh token */
  stolenToken: boolean;
}

export interface Candidate {
  title: string;
  score: number;
  entities: Record<string, string[]>;
  /** events.id of the supporting rows. */
  eventIds: number[];
  query: string;
  /** Extra text appended to the rule description. */
  detail?: string;
  /** Extra techniques this particular finding carries. */
  techniques?: string[];
}

export interface TriageContext {
  db: ReadableDB;
  /** Compiled WHERE fragment (over `events e`) and params of a rule's query. */
  where(rule: TriageRule): { sql: string; params: (string | number)[] };
  /** Sign-ins from a new origin scored medium or higher (computed once, on first use). */
  suspiciousSignins(): SuspiciousSignin[];
  /** Whether a tool name (as in @tool) is a programmatic client (CLI, PowerShell, SDK, script). */
  isProgrammatic(tool: string): boolean;
}

export type Detector = (ctx: TriageContext, rule: TriageRule) => Candidate[];

export type { TriageFinding };
