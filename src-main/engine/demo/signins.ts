// Generates the interactive sign-in rows: a week of office work, the traps and the attacker's two sign-ins.
import { desktopUserAgent, EMPLOYEE_APPS, KEY_VAULT_RESOURCE, SPRAY_APP, type AppTarget } from './apps';
import type { Rng } from './prng';
import { findEmployee, type Employee } from './roster';
import {
  ALERT_IP, ATTACKER_ASN, ATTACKER_LOCATION, CLI_APP_ID, CLI_SIGNIN_USER_AGENT, DAY_MS, DAYS,
  FIRST_DAY_UTC, OFFICE, PS_APP_ID, PS_SIGNIN_USER_AGENT, SCANNER, SPRAY, TRAVEL, VICTIM,
} from './scenario';
import type { SignInRecord } from './signin-columns';

const HOUR_MS = 3_600_000;
const SUCCESS_REASON = 'Other.';
const WRONG_PASSWORD = 'Invalid username or password or Invalid on-premise username or password.';
const MFA_CLAIM = { mfaResult: 'MFA requirement satisfied by claim in the token', mfaMethod: 'Previously satisfied' };
const MFA_PUSH = { mfaResult: 'MFA successfully completed', mfaMethod: 'Mobile app notification' };

/** The attacker's sign-in instants (UTC). */
export const ATTACK_CLI_SIGNIN_MS = Date.UTC(2023, 9, 26, 14, 7, 56);
export const ATTACK_PS_SIGNIN_MS = Date.UTC(2023, 9, 26, 14, 12, 21);

export interface SignInPlan {
  records: SignInRecord[];
  /** When the developer signed in with the Azure CLI each day (her Key Vault calls follow). */
  devCliSignIns: number[];
}

interface Place {
  ip: string;
  location: string;
  asn: number;
}

function base(rng: Rng, e: Employee, utcMs: number, app: AppTarget, place: Place): SignInRecord {
  return {
    utcMs,
    requestId: rng.uuid(),
    userAgent: app.browser ? e.device.userAgent : desktopUserAgent(app.application, e.device.os),
    correlationId: rng.uuid(),
    userId: e.objectId,
    user: e.name,
    username: e.upn,
    incomingTokenType: 'None',
    uniqueTokenId: rng.token(22),
    application: app.application,
    applicationId: app.applicationId,
    resource: app.resource,
    resourceId: app.resourceId,
    ip: place.ip,
    location: place.location,
    asn: place.asn,
    errorCode: 0,
    failureReason: SUCCESS_REASON,
    clientApp: app.browser ? 'Browser' : 'Mobile Apps and Desktop clients',
    deviceId: e.deviceId,
    browser: app.browser ? e.device.browser : '',
    os: e.device.os,
    joinType: 'Azure AD registered',
    ...MFA_CLAIM,
    mfaDetail: '',
    authRequirement: 'Multifactor authentication',
    sessionId: rng.uuid(),
    latencyMs: rng.int(80, 900),
    conditionalAccess: 'Success',
  };
}

/** Sorted random instants inside [startMs, startMs + spanMs). */
function instants(rng: Rng, count: number, startMs: number, spanMs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(startMs + rng.int(0, Math.floor(spanMs / 1000) - 1) * 1000);
  return out.sort((a, b) => a - b);
}

function workday(rng: Rng, e: Employee, dayMs: number, weekend: boolean, traveller: boolean): SignInRecord[] {
  if (weekend && !rng.chance(0.2)) return [];
  const count = weekend ? rng.int(1, 2) : rng.int(3, 5);
  // Seattle office hours are 15:00-24:00 UTC; the traveller is in London (07:00-16:00 UTC).
  const times = instants(rng, count, dayMs + (traveller ? 7 : 15) * HOUR_MS, 9 * HOUR_MS);
  return times.map((utcMs, i) => {
    const home = weekend || rng.chance(0.15);
    const place: Place = traveller
      ? TRAVEL
      : home
        ? { ip: e.homeIp, location: e.homeLocation, asn: e.homeAsn }
        : { ip: e.officeIp, location: OFFICE.location, asn: OFFICE.asn };
    const record = base(rng, e, utcMs, rng.pick(EMPLOYEE_APPS), place);
    // The day's first sign-in sometimes (and always abroad) asks for a fresh MFA approval.
    if (i === 0 && (traveller || rng.chance(0.3))) Object.assign(record, MFA_PUSH);
    return record;
  });
}

function devCli(rng: Rng, dev: Employee, utcMs: number): SignInRecord {
  const app: AppTarget = { application: 'Microsoft Azure CLI', applicationId: CLI_APP_ID, ...KEY_VAULT_RESOURCE, browser: false };
  return {
    ...base(rng, dev, utcMs, app, { ip: dev.officeIp, location: OFFICE.location, asn: OFFICE.asn }),
    userAgent: CLI_SIGNIN_USER_AGENT,
  };
}

function failed(rng: Rng, e: Employee, utcMs: number, place: Place, userAgent: string, reason: string): SignInRecord {
  return {
    ...base(rng, e, utcMs, SPRAY_APP, place),
    userAgent,
    errorCode: 50126,
    failureReason: reason,
    deviceId: '',
    browser: '',
    os: userAgent === SPRAY.userAgent ? 'Windows7' : '',
    joinType: '',
    mfaResult: '',
    mfaMethod: '',
    authRequirement: 'Single-factor authentication',
  };
}

function spray(rng: Rng, roster: readonly Employee[], startMs: number, targets: number): SignInRecord[] {
  const pool = roster.filter((e) => e.upn !== VICTIM.upn);
  const chosen = new Set<Employee>();
  while (chosen.size < targets) chosen.add(rng.pick(pool));
  return [...chosen].map((e, i) => {
    const ip = SPRAY.ips[i % SPRAY.ips.length] ?? SPRAY.ips[0];
    return failed(rng, e, startMs + i * 7000, { ip, location: SPRAY.location, asn: SPRAY.asn }, SPRAY.userAgent, WRONG_PASSWORD);
  });
}

function attack(rng: Rng, victim: Employee): SignInRecord[] {
  const place: Place = { ip: ALERT_IP, location: ATTACKER_LOCATION, asn: ATTACKER_ASN };
  const stolen = {
    incomingTokenType: 'primaryRefreshToken',
    clientApp: 'Mobile Apps and Desktop clients',
    browser: '',
    mfaResult: '',
    mfaMethod: '',
    authRequirement: 'Single-factor authentication',
    conditionalAccess: 'Not Applied',
  };
  const cli: AppTarget = { application: 'Microsoft Azure CLI', applicationId: CLI_APP_ID, ...KEY_VAULT_RESOURCE, browser: false };
  const ps: AppTarget = { application: 'Microsoft Azure PowerShell', applicationId: PS_APP_ID, ...KEY_VAULT_RESOURCE, browser: false };
  return [
    { ...base(rng, victim, ATTACK_CLI_SIGNIN_MS, cli, place), ...stolen, userAgent: CLI_SIGNIN_USER_AGENT },
    { ...base(rng, victim, ATTACK_PS_SIGNIN_MS, ps, place), ...stolen, userAgent: PS_SIGNIN_USER_AGENT },
  ];
}

export function generateSignIns(rng: Rng, roster: readonly Employee[]): SignInPlan {
  const records: SignInRecord[] = [];
  const devCliSignIns: number[] = [];
  const dev = findEmployee(roster, 'gracec');
  const traveller = findEmployee(roster, 'isabellah');
  for (let day = 0; day < DAYS; day++) {
    const dayMs = FIRST_DAY_UTC + day * DAY_MS;
    const weekend = day < 2; // 21 and 22 October 2023 are a Saturday and a Sunday
    for (const e of roster) records.push(...workday(rng, e, dayMs, weekend, e === traveller && (day === 3 || day === 4)));
    const cliMs = dayMs + rng.int(16 * 3600, 22 * 3600) * 1000;
    devCliSignIns.push(cliMs);
    records.push(devCli(rng, dev, cliMs));
  }
  records.push(...spray(rng, roster, Date.UTC(2023, 9, 21, 3, 56, 10), 14));
  records.push(...spray(rng, roster, Date.UTC(2023, 9, 24, 2, 13, 40), 14));
  const scanned = findEmployee(roster, 'avag');
  const scannerPlace: Place = { ip: SCANNER.ip, location: SCANNER.location, asn: SCANNER.asn };
  SCANNER.userAgents.forEach((ua, i) => {
    records.push(failed(rng, scanned, Date.UTC(2023, 9, 23, 1, 0, 46) + i * 3_204_000, scannerPlace, ua, 'Invalid username or password.'));
  });
  records.push(...attack(rng, findEmployee(roster, 'miriamg')));
  // The portal lists newest first.
  records.sort((a, b) => b.utcMs - a.utcMs || (a.requestId < b.requestId ? -1 : 1));
  return { records, devCliSignIns };
}
