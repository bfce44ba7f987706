#!/usr/bin/env node
// Deterministic generator of Key Vault AzureDiagnostics CSV (31 columns, ~870 bytes a row): `node bench/gen-kv-csv.mjs OUT.csv [--rows N]`.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const KV_HEADERS = [
  'TenantId', 'TimeGenerated [UTC]', 'ResourceId', 'Category', 'ResourceGroup', 'SubscriptionId',
  'ResourceProvider', 'Resource', 'ResourceType', 'OperationName', 'ResultType', 'CorrelationId',
  'ResultSignature', 'DurationMs', 'CallerIPAddress', 'OperationVersion', 'identity_claim_oid_g',
  'identity_claim_appid_g', 'identity_claim_http_schemas_microsoft_com_identity_claims_scope_s',
  'identity_claim_upn_s', 'identity_claim_ipaddr_s', 'identity_claim_unique_name_s', 'requestUri_s', 'id_s',
  'clientInfo_s', 'httpStatusCode_d', 'isAccessPolicyMatch_b', 'isRbacAuthorized_b', 'SourceSystem', 'Type',
  '_ResourceId',
];

/** Columns (0-based) that feed @ fields, as the Key Vault profile maps them; column 1 is @time. */
export const KV_FIELD_COLUMNS = { 1: 'time', 9: 'operation', 11: 'correlation_id', 12: 'result', 14: 'ip', 16: 'user_id', 17: 'app_id', 19: 'user', 24: 'user_agent', 2: 'resource' };

/** xorshift32: the same file for the same row count on every machine. */
export function prng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SUB = 'ID12AZ1234-04BY-4E50-1E11-C00AE123D0BD';
const GROUPS = ['FINANCE', 'HR', 'ENGINEERING', 'SALES', 'OPS'];
const VAULTS = ['SALARY', 'AUDITS', 'PAYMENTS', 'SIGNING', 'BACKUPS', 'CERTS', 'DEVKEYS', 'PRODKEYS'];
const OPS = ['SecretGet', 'SecretList', 'KeyGet', 'KeyList', 'KeySign', 'VaultGet', 'Authentication', 'CertificateGet', 'SecretSet'];
const AGENTS = [
  'azsdk-python-keyvault-secrets/4.7.0 Python/3.11.5 (Windows-10-10.0.19044-SP0)',
  'FxVersion/4.8.4645.0 OSName/Windows OSVersion/Microsoft.Windows.10.0.19044. Microsoft.Azure.KeyVault.KeyVaultClient/3.0.1.0 AzurePowershell/v0.0.0 PSVersion/v5.1.19041.1237 Az.KeyVault/5.0.1',
  'azsdk-net-Security.KeyVault.Secrets/4.5.0 (.NET 6.0.21; Microsoft Windows 10.0.20348)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36 Edg/118.0.2088.61',
];

function hex(r, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += ((r() * 16) | 0).toString(16);
  return s;
}
const guid = (r) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const pick = (r, a) => a[(r() * a.length) | 0];
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** `10/23/2023, 1:44:12.345 PM` as Log Analytics exports it. */
function laTime(ms) {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} ${h < 12 ? 'AM' : 'PM'}`;
}

function csvCell(v) {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function makeIdentities(r) {
  const users = Array.from({ length: 2000 }, (_, i) => ({ oid: guid(r), upn: `user${i}@bank.onmicrosoft.com` }));
  const apps = Array.from({ length: 60 }, () => guid(r));
  const ips = Array.from({ length: 50_000 }, () => `${1 + ((r() * 222) | 0)}.${(r() * 256) | 0}.${(r() * 256) | 0}.${(r() * 256) | 0}`);
  return { users, apps, ips };
}

/** One record's 31 cells. */
export function kvRow(r, ids, i, t0) {
  const group = pick(r, GROUPS);
  const vault = pick(r, VAULTS);
  const op = pick(r, OPS);
  const user = r() < 0.8 ? pick(r, ids.users) : null;
  const ip = ids.ips[Math.floor(Math.pow(r(), 3) * ids.ips.length)];
  const ok = r() < 0.93;
  const resId = `/SUBSCRIPTIONS/${SUB}/RESOURCEGROUPS/${group}/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/${vault}`;
  const obj = op.startsWith('Secret') ? 'secrets' : op.startsWith('Key') ? 'keys' : 'certificates';
  const name = `item${(r() * 500) | 0}`;
  const uri = `https://${vault.toLowerCase()}.vault.azure.net/${obj}/${name}?api-version=7.4`;
  return [
    TENANT, laTime(t0 + i * 1500 + ((r() * 1000) | 0)), resId, 'AuditEvent', group, SUB, 'MICROSOFT.KEYVAULT', vault,
    'VAULTS', op, ok ? 'Success' : 'Unauthorized', guid(r), ok ? 'OK' : 'Forbidden', String((r() * 400) | 0), ip, '7.4',
    user ? user.oid : guid(r), pick(r, ids.apps), user ? 'user_impersonation' : '', user ? user.upn : '', ip,
    user ? user.upn : '', uri, `https://${vault.toLowerCase()}.vault.azure.net/${obj}/${name}/${hex(r, 32)}`, pick(r, AGENTS),
    ok ? '200' : '403', ok ? 'true' : 'false', ok ? 'true' : 'false', 'Azure', 'AzureDiagnostics', resId.toLowerCase(),
  ];
}

export async function generateKvCsv(path, rows) {
  const r = prng(20231026);
  const ids = makeIdentities(r);
  const t0 = Date.UTC(2023, 9, 1);
  const out = createWriteStream(path);
  out.write(KV_HEADERS.join(',') + '\n');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += kvRow(r, ids, i, t0).map(csvCell).join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
}

export function argRows(argv, fallback) {
  const i = argv.indexOf('--rows');
  const n = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--rows needs a positive integer`);
  return n;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  if (!out || out.startsWith('--')) throw new Error('usage: node bench/gen-kv-csv.mjs OUT.csv [--rows N]');
  const t = performance.now();
  await generateKvCsv(out, argRows(process.argv, 1_000_000));
  console.log(`wrote ${out} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
