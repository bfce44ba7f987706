// Generates the Key Vault audit rows: a workload identity, a developer, a finance admin and the attack.
import type { KvRecord } from './keyvault-columns';
import type { Rng } from './prng';
import { findEmployee, type Employee } from './roster';
import {
  ALERT_IP, CLI_APP_ID, CLI_KV_USER_AGENT, DAY_MS, DAYS, DEV_GROUP, DEV_KV_USER_AGENT, FINANCE_GROUP, FIRST_DAY_UTC,
  KEY_NAME, PORTAL_APP_ID, PORTAL_KV_USER_AGENT, PS_APP_ID, PS_CORRELATION_ID, PS_KV_USER_AGENT, SECRET_NAME,
  VAULT_AUDITS, VAULT_DEV, VAULT_SALARY, VICTIM, WORKLOAD, WORKLOAD_KV_USER_AGENT,
} from './scenario';
import { ATTACK_CLI_SIGNIN_MS } from './signins';

const MINUTE_MS = 60_000;
/** The PowerShell KeyList closes the attack at this instant. */
export const ATTACK_PS_KEYLIST_MS = Date.UTC(2023, 9, 26, 14, 12, 43, 141);

type ObjectKind = 'keys' | 'secrets';
type Step =
  | { op: 'Authentication' | 'KeyList' | 'SecretList'; vault: string }
  | { op: 'KeyGet' | 'SecretGet' | 'KeyListVersions' | 'SecretListVersions'; vault: string; name: string; pinned?: boolean };

interface Actor {
  objectId: string;
  appId: string;
  upn: string;
  clientInfo: string;
}

const host = (vault: string): string => `https://${vault.toLowerCase()}.vault.azure.net`;

/** Builds rows for one identity; object versions are stable per vault/object across the whole export. */
class KvBuilder {
  readonly rows: KvRecord[] = [];
  private readonly versions = new Map<string, string>();
  constructor(private readonly rng: Rng) {}

  private version(vault: string, kind: ObjectKind, name: string): string {
    const key = `${vault}/${kind}/${name}`;
    let v = this.versions.get(key);
    if (v === undefined) {
      v = this.rng.hex(32);
      this.versions.set(key, v);
    }
    return v;
  }

  add(actor: Actor, step: Step, utcMs: number, callerIp: string, group: string, apiVersion = '7.4'): KvRecord {
    const api = `?api-version=${apiVersion}`;
    let requestUri: string;
    let objectUri = '';
    if (!('name' in step)) {
      requestUri = `${host(step.vault)}/${step.op === 'KeyList' ? 'keys' : 'secrets'}${api}`;
    } else {
      const kind: ObjectKind = step.op.startsWith('Key') ? 'keys' : 'secrets';
      const base = `${host(step.vault)}/${kind}/${step.name}`;
      const version = this.version(step.vault, kind, step.name);
      if (step.op.endsWith('ListVersions')) requestUri = `${base}/versions${api}`;
      else {
        requestUri = step.pinned ? `${base}/${version}${api}` : `${base}/${api}`;
        objectUri = `${base}/${version}`;
      }
    }
    const record: KvRecord = {
      utcMs,
      resourceGroup: group,
      vault: step.vault,
      operation: step.op,
      authorized: step.op !== 'Authentication',
      correlationId: this.rng.uuid(),
      durationMs: this.rng.int(12, 160),
      callerIp,
      operationVersion: apiVersion,
      ...actor,
      requestUri,
      objectUri,
    };
    this.rows.push(record);
    return record;
  }
}

const userActor = (e: Employee, appId: string, clientInfo: string): Actor => ({ objectId: e.objectId, appId, upn: e.upn, clientInfo });

function workload(kv: KvBuilder, rng: Rng): void {
  const actor: Actor = { objectId: WORKLOAD.objectId, appId: WORKLOAD.appId, upn: '', clientInfo: WORKLOAD_KV_USER_AGENT };
  const targets: Step[] = [
    { op: 'SecretGet', vault: VAULT_AUDITS, name: 'AuditorToken' },
    { op: 'SecretGet', vault: VAULT_AUDITS, name: 'AuditorToken' },
    { op: 'SecretGet', vault: VAULT_SALARY, name: 'PayrollDbConn' },
    { op: 'SecretGet', vault: VAULT_SALARY, name: SECRET_NAME },
  ];
  const end = FIRST_DAY_UTC + DAYS * DAY_MS;
  for (let t = FIRST_DAY_UTC + rng.int(0, 600_000); t < end; t += rng.int(15 * MINUTE_MS, 40 * MINUTE_MS)) {
    kv.add(actor, rng.pick(targets), t, rng.pick(WORKLOAD.ips), FINANCE_GROUP);
  }
}

function developer(kv: KvBuilder, rng: Rng, dev: Employee, cliSignIns: readonly number[]): void {
  const actor = userActor(dev, CLI_APP_ID, DEV_KV_USER_AGENT);
  for (const signIn of cliSignIns) {
    let t = signIn + rng.int(5_000, 60_000);
    kv.add(actor, { op: 'SecretList', vault: VAULT_DEV }, t, dev.officeIp, DEV_GROUP);
    t += rng.int(2_000, 9_000);
    kv.add(actor, { op: 'SecretGet', vault: VAULT_DEV, name: 'ApiDbConnection' }, t, dev.officeIp, DEV_GROUP);
    if (rng.chance(0.5)) {
      t += rng.int(2_000, 9_000);
      kv.add(actor, { op: 'SecretGet', vault: VAULT_DEV, name: 'StorageKey' }, t, dev.officeIp, DEV_GROUP);
    }
  }
}

function financeAdmin(kv: KvBuilder, rng: Rng, admin: Employee): void {
  const actor = userActor(admin, PORTAL_APP_ID, PORTAL_KV_USER_AGENT);
  for (let day = 2; day < DAYS; day++) {
    const vault = day % 2 === 0 ? VAULT_SALARY : VAULT_AUDITS;
    const t = FIRST_DAY_UTC + day * DAY_MS + rng.int(16 * 60, 23 * 60) * MINUTE_MS + rng.int(0, 59_999);
    kv.add(actor, { op: 'SecretList', vault }, t, admin.officeIp, FINANCE_GROUP);
    kv.add(actor, { op: 'KeyList', vault }, t + 3_000, admin.officeIp, FINANCE_GROUP);
  }
}

/** Authentication → KeyList → SecretList → KeyGet → SecretGet, scripted with the CLI, then one PowerShell KeyList. */
function attack(kv: KvBuilder, rng: Rng, victim: Employee): void {
  const steps: Step[] = [
    { op: 'Authentication', vault: VAULT_SALARY },
    { op: 'KeyList', vault: VAULT_SALARY },
    { op: 'SecretList', vault: VAULT_SALARY },
    { op: 'KeyGet', vault: VAULT_SALARY, name: KEY_NAME },
    { op: 'SecretGet', vault: VAULT_SALARY, name: SECRET_NAME },
    { op: 'KeyListVersions', vault: VAULT_SALARY, name: KEY_NAME },
    { op: 'SecretListVersions', vault: VAULT_SALARY, name: SECRET_NAME },
    { op: 'KeyGet', vault: VAULT_SALARY, name: KEY_NAME, pinned: true },
    { op: 'SecretGet', vault: VAULT_SALARY, name: SECRET_NAME, pinned: true },
    { op: 'Authentication', vault: VAULT_AUDITS },
    { op: 'KeyList', vault: VAULT_AUDITS },
    { op: 'SecretList', vault: VAULT_AUDITS },
    { op: 'SecretList', vault: VAULT_SALARY },
    { op: 'SecretGet', vault: VAULT_SALARY, name: SECRET_NAME },
  ];
  const cli = userActor(victim, CLI_APP_ID, CLI_KV_USER_AGENT);
  let t = ATTACK_CLI_SIGNIN_MS + rng.int(8_000, 12_000) + rng.int(0, 999);
  for (const step of steps) {
    kv.add(cli, step, t, ALERT_IP, FINANCE_GROUP);
    t += rng.int(3_000, 12_000) + rng.int(0, 999);
  }
  const ps = userActor(victim, PS_APP_ID, PS_KV_USER_AGENT);
  const row = kv.add(ps, { op: 'KeyList', vault: VAULT_SALARY }, ATTACK_PS_KEYLIST_MS, ALERT_IP, FINANCE_GROUP, '7.0');
  row.correlationId = PS_CORRELATION_ID;
}

/** All Key Vault rows, oldest first (the order of the Log Analytics export). */
export function generateKeyVault(rng: Rng, roster: readonly Employee[], devCliSignIns: readonly number[]): KvRecord[] {
  const kv = new KvBuilder(rng);
  workload(kv, rng);
  developer(kv, rng, findEmployee(roster, 'gracec'), devCliSignIns);
  financeAdmin(kv, rng, findEmployee(roster, 'nathanb'));
  attack(kv, rng, findEmployee(roster, VICTIM.upn.split('@')[0] ?? ''));
  return [...kv.rows].sort((a, b) => a.utcMs - b.utcMs || (a.correlationId < b.correlationId ? -1 : 1));
}
