// Derives the investigator's expected findings from the rows actually written (never typed in by hand).
import type { Cell } from './signin-columns';
import { ALERT_IP, CLI_APP_ID, MITRE, PS_APP_ID } from './scenario';
import { isoMillis } from './time-format';

export interface DemoTable {
  file: string;
  headers: readonly string[];
  rows: { utcMs: number; cells: Cell[] }[];
}

export interface DemoFacts {
  scenario: 'seed';
  files: string[];
  rows: Record<string, number>;
  alert_ip: string;
  account: string;
  upn: string;
  user_object_id: string;
  token_type: string;
  conditional_access: string;
  subscription_id: string;
  resource_group: string;
  vaults: string[];
  key_accessed: string;
  secret_accessed: string;
  key_uri: string;
  secret_uri: string;
  cli_app_id: string;
  cli_user_agent: string;
  cli_operations: number;
  ps_app_id: string;
  ps_correlation_id: string;
  ps_request_uri: string;
  ps_user_agent: string;
  attack_kv_rows: number;
  attack_signin_rows: number;
  first_attack_time: string;
  last_attack_time: string;
  benign_traps: { cli_user: string; traveller: string; spray_ips: string };
  mitre: string[];
}

type Row = DemoTable['rows'][number];

/** Reads a column by its first header match as text ('' when empty). */
function column(table: DemoTable, header: string): (row: Row) => string {
  const index = table.headers.indexOf(header);
  if (index < 0) throw new Error(`demo table ${table.file} lacks column ${header}`);
  return (row) => {
    const cell = row.cells[index];
    if (cell === null || cell === undefined) return '';
    return typeof cell === 'object' ? isoMillis(cell.utcMs) : String(cell);
  };
}

/** The single distinct value; the generator is broken if there is not exactly one. */
function only(values: readonly string[], what: string): string {
  const distinct = [...new Set(values)];
  if (distinct.length !== 1 || distinct[0] === undefined) throw new Error(`demo: expected one ${what}, got ${distinct.join(' | ')}`);
  return distinct[0];
}

const CA_ENUM: Record<string, string> = { 'Not Applied': 'notApplied', Success: 'success', Failure: 'failure' };

/** `45.155.205.30-32` for one /24 run of consecutive addresses, otherwise a comma list. */
export function ipRangeText(ips: readonly string[]): string {
  const parts = ips.map((ip) => ip.split('.').map(Number)).sort((a, b) => (a[3] ?? 0) - (b[3] ?? 0));
  const prefix = new Set(parts.map((p) => p.slice(0, 3).join('.')));
  const lasts = parts.map((p) => p[3] ?? 0);
  const consecutive = lasts.every((n, i) => i === 0 || n === (lasts[i - 1] ?? 0) + 1);
  if (parts.length > 1 && prefix.size === 1 && consecutive) return `${parts[0]?.join('.')}-${lasts[lasts.length - 1]}`;
  return parts.map((p) => p.join('.')).join(', ');
}

/** Derives the object name from a request URI such as `https://salary.vault.azure.net/keys/Payroll/?api-version=7.4`. */
function objectName(uri: string, kind: 'keys' | 'secrets'): string {
  const path = uri.split('?')[0] ?? '';
  const segments = path.split('/');
  const at = segments.indexOf(kind);
  return at >= 0 ? (segments[at + 1] ?? '') : '';
}

export function computeFacts(signIns: DemoTable, keyVault: DemoTable): DemoFacts {
  const si = {
    ip: column(signIns, 'IP address'), user: column(signIns, 'User'), upn: column(signIns, 'Username'),
    id: column(signIns, 'User ID'), token: column(signIns, 'Incoming token type'), ca: column(signIns, 'Conditional Access'),
    status: column(signIns, 'Status'), code: column(signIns, 'Sign-in error code'), location: column(signIns, 'Location'),
  };
  const kv = {
    ip: column(keyVault, 'CallerIPAddress'), sub: column(keyVault, 'SubscriptionId'), group: column(keyVault, 'ResourceGroup'),
    vault: column(keyVault, 'Resource'), op: column(keyVault, 'OperationName'), app: column(keyVault, 'identity_claim_appid_g'),
    agent: column(keyVault, 'clientInfo_s'), uri: column(keyVault, 'requestUri_s'), corr: column(keyVault, 'CorrelationId'),
    upn: column(keyVault, 'identity_claim_upn_s'), result: column(keyVault, 'ResultType'),
  };
  const attackSignIns = signIns.rows.filter((r) => si.ip(r) === ALERT_IP);
  const attackKv = keyVault.rows.filter((r) => kv.ip(r) === ALERT_IP);
  const cliRows = attackKv.filter((r) => kv.app(r) === CLI_APP_ID);
  const psRows = attackKv.filter((r) => kv.app(r) === PS_APP_ID);
  if (psRows.length !== 1) throw new Error(`demo: expected one PowerShell row, got ${psRows.length}`);
  const okRows = attackKv.filter((r) => kv.result(r) === 'Success');
  const keyUris = okRows.filter((r) => kv.op(r) === 'KeyGet').map(kv.uri);
  const secretUris = okRows.filter((r) => kv.op(r) === 'SecretGet').map(kv.uri);
  const keyName = only(keyUris.map((u) => objectName(u, 'keys')), 'key');
  const secretName = only(secretUris.map((u) => objectName(u, 'secrets')), 'secret');
  const origin = (uri: string): string => uri.split('/').slice(0, 3).join('/');
  const times = [...attackSignIns, ...attackKv].map((r) => r.utcMs);
  const sprayIps = new Map<string, Set<string>>();
  for (const r of signIns.rows) {
    if (si.code(r) !== '50126') continue;
    const users = sprayIps.get(si.ip(r)) ?? new Set<string>();
    users.add(si.upn(r));
    sprayIps.set(si.ip(r), users);
  }
  const ca = only(attackSignIns.map(si.ca), 'conditional access status');
  return {
    scenario: 'seed',
    files: [signIns.file, keyVault.file],
    rows: { [signIns.file]: signIns.rows.length, [keyVault.file]: keyVault.rows.length },
    alert_ip: ALERT_IP,
    account: only(attackSignIns.map(si.user), 'account'),
    upn: only(attackSignIns.map(si.upn), 'UPN'),
    user_object_id: only(attackSignIns.map(si.id), 'user object id'),
    token_type: only(attackSignIns.map(si.token), 'token type'),
    conditional_access: CA_ENUM[ca] ?? ca,
    subscription_id: only(attackKv.map(kv.sub), 'subscription'),
    resource_group: only(attackKv.map(kv.group), 'resource group'),
    vaults: [...new Set(attackKv.map(kv.vault))],
    key_accessed: keyName,
    secret_accessed: secretName,
    key_uri: `${only(keyUris.map(origin), 'key vault host')}/keys/${keyName}`,
    secret_uri: `${only(secretUris.map(origin), 'secret vault host')}/secrets/${secretName}`,
    cli_app_id: CLI_APP_ID,
    cli_user_agent: only(cliRows.map(kv.agent), 'CLI user agent'),
    cli_operations: cliRows.length,
    ps_app_id: PS_APP_ID,
    ps_correlation_id: only(psRows.map(kv.corr), 'PowerShell correlation id'),
    ps_request_uri: only(psRows.map(kv.uri), 'PowerShell request URI'),
    ps_user_agent: only(psRows.map(kv.agent), 'PowerShell user agent'),
    attack_kv_rows: attackKv.length,
    attack_signin_rows: attackSignIns.length,
    first_attack_time: isoMillis(Math.min(...times)),
    last_attack_time: isoMillis(Math.max(...times)),
    benign_traps: {
      cli_user: only(keyVault.rows.filter((r) => kv.app(r) === CLI_APP_ID && kv.ip(r) !== ALERT_IP).map(kv.upn), 'CLI developer'),
      traveller: only(
        signIns.rows
          .filter((r) => si.status(r) === 'Success' && si.ip(r) !== ALERT_IP && !si.location(r).endsWith(', US'))
          .map(si.upn),
        'traveller',
      ),
      spray_ips: ipRangeText([...sprayIps].filter(([, users]) => users.size >= 5).map(([ip]) => ip)),
    },
    mitre: [...MITRE],
  };
}
