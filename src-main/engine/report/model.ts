// The one report model every renderer (Markdown, HTML, PDF) takes; assembled by the lead from the case database.

export type NormalizedKey =
  | 'user'
  | 'user_id'
  | 'ip'
  | 'app_id'
  | 'app'
  | 'operation'
  | 'result'
  | 'resource'
  | 'correlation_id'
  | 'user_agent'
  | 'tool'
  | 'country';

export interface CitedRow {
  /** Source file name. */
  source: string;
  sourceId: number;
  sourceSha256: string;
  row: number;
  /** UTC microseconds. */
  time: number | null;
  /** Key columns to show. */
  fields: { name: string; value: string }[];
  normalized: Partial<Record<NormalizedKey, string>>;
  /** All original columns, header → text (used for IOC extraction). */
  cells: Record<string, string>;
}

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface ReportBookmark {
  id: number;
  row: CitedRow;
  /** Markdown written by the analyst; may quote attacker data, so it is rendered safely. */
  note: string;
  tags: string[];
  techniques: string[];
  severity: Severity;
  createdAt: string;
}

export interface ReportFilter {
  name: string;
  query: string;
  description: string;
}

export interface ReportFinding {
  id: number;
  title: string;
  /** 'Initial Access', 'Discovery', 'Collection', ... */
  phase: string;
  narrative: string;
  severity: string;
  techniques: string[];
  bookmarkIds: number[];
  filters: ReportFilter[];
}

export interface ReportSource {
  id: number;
  name: string;
  size: number;
  sha256: string;
  rows: number;
  profile: string;
  importedAt: string;
}

export interface ReportSections {
  summary: boolean;
  scope: boolean;
  findings: boolean;
  timeline: boolean;
  iocs: boolean;
  attack: boolean;
  notes: boolean;
  recommendations: boolean;
  appendix: boolean;
}

export const ALL_SECTIONS: ReportSections = {
  summary: true,
  scope: true,
  findings: true,
  timeline: true,
  iocs: true,
  attack: true,
  notes: true,
  recommendations: true,
  appendix: true,
};

export interface ReportCaseInfo {
  id: string;
  name: string;
  number?: string;
  analyst?: string;
  organisation?: string;
  summary?: string;
  recommendations?: string;
}

export interface ReportModel {
  caseInfo: ReportCaseInfo;
  generatedAt: string;
  /** IANA zone name; 'UTC' by default. Times are always also shown in UTC. */
  displayZone: string;
  loupeVersion: string;
  auditHead: string;
  sources: ReportSource[];
  findings: ReportFinding[];
  bookmarks: ReportBookmark[];
  savedFilters: ReportFilter[];
  sections: ReportSections;
  defang: boolean;
  draft?: boolean;
}

export type IocType =
  | 'IP'
  | 'Account'
  | 'UPN'
  | 'App ID'
  | 'App name'
  | 'User agent'
  | 'Correlation ID'
  | 'Subscription ID'
  | 'Resource group'
  | 'Vault'
  | 'Key'
  | 'Secret'
  | 'Certificate'
  | 'Token type'
  | 'Domain'
  | 'URL';

export interface Ioc {
  type: IocType;
  value: string;
  /** Where it was seen first, e.g. 'Sign_In_Logs.xlsx row 14'. */
  context: string;
}

export { buildIocs } from './iocs';
export { attackTable } from './attack';
