// The 57-column Entra portal sign-in header (with its real quirks) and one record's cells.
import { MICROSOFT_TENANT_ID, TENANT_ID, TENANT_NAME } from './scenario';

/** A cell as written: text, a number, a UTC instant (epoch ms, an Excel date cell in xlsx) or empty. */
export type Cell = string | number | { utcMs: number } | null;

/** Exact portal header, 2025-01 → 2026: trailing spaces, a double space and a duplicate column are real. */
export const SIGNIN_HEADERS: readonly string[] = [
  'Date (UTC)', 'Request ID', 'User agent', 'Correlation ID', 'User ID', 'User', 'Username', 'User type',
  'Cross tenant access type', 'Incoming token type', 'Authentication Protocol', 'Unique token identifier',
  'Original transfer method', 'Client credential type', 'Token Protection - Sign In Session',
  'Token Protection - Sign In Session StatusCode', 'Application', 'Application ID ', 'App owner tenant ID',
  'Resource', 'Resource ID ', 'Resource tenant ID', 'Resource owner tenant ID', 'Home tenant ID',
  'Home tenant name', 'IP address', 'Location', 'Status', 'Sign-in error code', 'Failure reason', 'Client app',
  'Device ID', 'Browser', 'Operating System', 'Compliant', 'Managed', 'Join Type',
  'Multifactor authentication result', 'Multifactor authentication auth method',
  'Multifactor authentication auth detail', 'Authentication requirement', 'Sign-in identifier', 'Session ID',
  'IP address (seen by resource)', 'Through Global Secure Access', 'Global Secure Access IP address',
  'Autonomous system  number', 'Flagged for review', 'Token issuer type', 'Incoming token type',
  'Token issuer name', 'Latency', 'Conditional Access', 'Managed Identity type', 'Associated Resource Id',
  'Federated Token Id', 'Federated Token Issuer',
];

export interface SignInRecord {
  utcMs: number;
  requestId: string;
  userAgent: string;
  correlationId: string;
  userId: string;
  user: string;
  username: string;
  incomingTokenType: string;
  uniqueTokenId: string;
  application: string;
  applicationId: string;
  resource: string;
  resourceId: string;
  ip: string;
  location: string;
  asn: number;
  errorCode: number;
  failureReason: string;
  clientApp: string;
  deviceId: string;
  browser: string;
  os: string;
  joinType: string;
  mfaResult: string;
  mfaMethod: string;
  mfaDetail: string;
  authRequirement: string;
  sessionId: string;
  latencyMs: number;
  conditionalAccess: string;
}

const orEmpty = (text: string): string | null => (text === '' ? null : text);

export function signInCells(r: SignInRecord): Cell[] {
  return [
    { utcMs: r.utcMs }, r.requestId, r.userAgent, r.correlationId, r.userId, r.user, r.username, 'Member',
    'None', r.incomingTokenType, 'None', r.uniqueTokenId,
    'None', 'None', null,
    null, r.application, r.applicationId, MICROSOFT_TENANT_ID,
    r.resource, r.resourceId, TENANT_ID, MICROSOFT_TENANT_ID, TENANT_ID,
    TENANT_NAME, r.ip, r.location, r.errorCode === 0 ? 'Success' : 'Failure', r.errorCode, r.failureReason,
    r.clientApp, orEmpty(r.deviceId), orEmpty(r.browser), orEmpty(r.os), 'False', 'False', orEmpty(r.joinType),
    orEmpty(r.mfaResult), orEmpty(r.mfaMethod),
    orEmpty(r.mfaDetail), r.authRequirement, r.username, r.sessionId,
    r.ip, 'False', null,
    r.asn, 'False', 'AzureAD', r.incomingTokenType,
    null, r.latencyMs, r.conditionalAccess, null, null,
    null, null,
  ];
}
