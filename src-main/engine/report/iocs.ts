// Indicator extraction from the bookmarked rows (normalized fields + original cells), deduplicated case-insensitively.
import { isIP } from 'node:net';
import type { CitedRow, Ioc, IocType, ReportModel } from './model';
import { findResourceIds, findVaultUris } from './azureParse';

export const IOC_TYPE_ORDER: readonly IocType[] = [
  'IP',
  'Account',
  'UPN',
  'Token type',
  'Subscription ID',
  'Resource group',
  'Vault',
  'Key',
  'Secret',
  'Certificate',
  'App ID',
  'App name',
  'User agent',
  'Correlation ID',
  'URL',
  'Domain',
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPN = /^[^\s@<>"']{1,128}@[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/i;
const EMPTY = new Set(['', '-', 'n/a', 'null', 'none', 'undefined', '{}', '[]']);

// Header patterns (compared on the header with spaces/underscores/dots removed, lower case).
const DISPLAY_NAME_HEADERS = new Set(['user', 'username', 'userdisplayname', 'displayname', 'identityclaimnames', 'identityclaimname']);
const APP_ID_HEADER = /^(app|application|client)id|identityclaimappid|appidg$/;
const APP_NAME_HEADERS = new Set(['app', 'application', 'appname', 'applicationname', 'appdisplayname', 'applicationdisplayname', 'clientapp']);
const USER_AGENT_HEADER = /useragent|clientinfo/;
const CORRELATION_HEADER = /correlationid/;
const TOKEN_TYPE_HEADER = /^(incoming)?tokentype/;
const SUBSCRIPTION_HEADER = /^subscriptionid/;
const RESOURCE_GROUP_HEADER = /^resourcegroup(name)?/;

function squash(header: string): string {
  return header.toLowerCase().replace(/[\s_.\-@]/g, '');
}

function clean(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = value.trim();
  return EMPTY.has(v.toLowerCase()) ? null : v;
}

class IocCollector {
  private readonly seen = new Map<string, { ioc: Ioc; places: Set<string>; derived: boolean }>();

  /** `derived`: the value was cut out of a longer text whose case the source may have changed
   * (Azure upper-cases resource paths); a later value from a dedicated column keeps its own spelling. */
  add(type: IocType, raw: string | undefined, context: string, derived = false): void {
    const value = clean(raw);
    if (value === null) return;
    const key = `${type}\u0000${value.toLowerCase()}`;
    const hit = this.seen.get(key);
    const place = context.split(';', 1)[0] ?? context;
    if (hit) {
      hit.places.add(place);
      if (hit.derived && !derived) {
        hit.ioc = { ...hit.ioc, value };
        hit.derived = false;
      }
      return;
    }
    this.seen.set(key, { ioc: { type, value, context }, places: new Set([place]), derived });
  }

  list(): Ioc[] {
    const out = [...this.seen.values()].map(({ ioc, places }) =>
      places.size > 1 ? { ...ioc, context: `${ioc.context} (+${places.size - 1} more)` } : ioc,
    );
    return out
      .map((ioc, i) => ({ ioc, i }))
      .sort((a, b) => IOC_TYPE_ORDER.indexOf(a.ioc.type) - IOC_TYPE_ORDER.indexOf(b.ioc.type) || a.i - b.i)
      .map(({ ioc }) => ioc);
  }
}

function addIdentity(c: IocCollector, value: string | undefined, where: string): void {
  const v = clean(value);
  if (v === null || GUID.test(v)) return;
  c.add(UPN.test(v) ? 'UPN' : 'Account', v, where);
}

function addAzureReferences(c: IocCollector, text: string, where: string): void {
  for (const id of findResourceIds(text)) {
    c.add('Subscription ID', id.subscription, where, true);
    if (id.resourceGroup !== null) c.add('Resource group', id.resourceGroup, where, true);
    if (id.vault !== null) c.add('Vault', id.vault, where, true);
  }
  for (const u of findVaultUris(text)) {
    c.add('Vault', u.vault, where, true);
    if (u.kind === 'key') c.add('Key', u.name ?? undefined, where);
    if (u.kind === 'secret') c.add('Secret', u.name ?? undefined, where);
    if (u.kind === 'certificate') c.add('Certificate', u.name ?? undefined, where);
    c.add('URL', u.uri, where);
  }
}

function appNameOf(row: CitedRow): string | null {
  const fromNormalized = clean(row.normalized.app);
  if (fromNormalized !== null) return fromNormalized;
  for (const [header, value] of Object.entries(row.cells)) {
    if (APP_NAME_HEADERS.has(squash(header))) {
      const v = clean(value);
      if (v !== null) return v;
    }
  }
  return null;
}

function collectRow(c: IocCollector, row: CitedRow): void {
  const where = `${row.source} row ${row.row}`;
  const n = row.normalized;
  const appName = appNameOf(row);
  const appWhere = appName === null ? where : `${where}; app: ${appName}`;

  if (n.ip !== undefined && isIP(n.ip.trim()) !== 0) c.add('IP', n.ip, where);
  addIdentity(c, n.user, where);
  if (n.app_id !== undefined && GUID.test(n.app_id.trim())) c.add('App ID', n.app_id, appWhere);
  if (appName !== null) c.add('App name', appName, where);
  c.add('User agent', n.user_agent, where);
  if (n.correlation_id !== undefined && GUID.test(n.correlation_id.trim())) c.add('Correlation ID', n.correlation_id, where);
  if (n.resource !== undefined) addAzureReferences(c, n.resource, where);

  for (const [header, rawValue] of Object.entries(row.cells)) {
    const value = rawValue.trim();
    if (value.length === 0) continue;
    const h = squash(header);
    if (isIP(value) !== 0) c.add('IP', value, where);
    else if (UPN.test(value)) c.add('UPN', value, where);
    if (DISPLAY_NAME_HEADERS.has(h)) addIdentity(c, value, where);
    if (APP_ID_HEADER.test(h) && GUID.test(value)) c.add('App ID', value, appWhere);
    if (USER_AGENT_HEADER.test(h)) c.add('User agent', value, where);
    if (CORRELATION_HEADER.test(h) && GUID.test(value)) c.add('Correlation ID', value, where);
    if (TOKEN_TYPE_HEADER.test(h)) c.add('Token type', value, where);
    if (SUBSCRIPTION_HEADER.test(h)) c.add('Subscription ID', value, where);
    if (RESOURCE_GROUP_HEADER.test(h)) c.add('Resource group', value, where);
    addAzureReferences(c, value, where);
  }
}

/** Indicators from every bookmarked row, in write-up order (IP, Account, UPN, token, Azure scope, app, UA, ...). */
export function buildIocs(model: ReportModel): Ioc[] {
  const c = new IocCollector();
  const rows = [...model.bookmarks].sort((a, b) => (a.row.time ?? Infinity) - (b.row.time ?? Infinity) || a.id - b.id);
  for (const b of rows) collectRow(c, b.row);
  return c.list();
}
