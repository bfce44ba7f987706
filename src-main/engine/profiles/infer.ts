// Infers a mapping for unknown export shapes from header names and sample values (times, IPs, UPNs, GUIDs, user agents).

import { parseIp } from '../enrich/ipParse';
import { parseTimestamp } from '../time/parse';
import { headerKey } from './headerKey';
import type { FieldMapping, MappableField } from './types';

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const UPN = /^[^@\s]{1,200}@[^@\s]{1,200}\.[a-z]{2,}$/i;

type Kind = 'time' | 'ip' | 'upn' | 'guid' | 'ua';

const KIND_TESTS: Record<Kind, (v: string) => boolean> = {
  time: (v) => parseTimestamp(v) !== null,
  ip: (v) => parseIp(v) !== null,
  upn: (v) => UPN.test(v),
  guid: (v) => GUID.test(v),
  ua: (v) => /^(Mozilla\/|azsdk-|python-|curl\/|AZURECLI|Go-http|axios\/|okhttp|Outlook-)/i.test(v),
};

/** Share of non-empty sample values of a column that look like `kind`; 0 when no samples. */
function share(sample: readonly (readonly (string | null)[])[], col: number, kind: Kind): number {
  let seen = 0;
  let hits = 0;
  for (const row of sample) {
    const v = row[col]?.trim();
    if (!v) continue;
    seen++;
    if (KIND_TESTS[kind](v)) hits++;
  }
  return seen === 0 ? 0 : hits / seen;
}

interface Rule {
  field: MappableField;
  name: RegExp;
  /** value kind the samples must show (≥ 80 %) when samples are given */
  kind?: Kind;
  /** the kind alone (without a name match) is enough */
  kindAlone?: boolean;
}

// Order matters: earlier rules claim columns first.
const RULES: readonly Rule[] = [
  { field: 'time', name: /(^|[^a-z])(time ?stamp|time ?generated|date ?time|event ?time|created|creation ?(date|time)|date|time)([^a-z]|$)/, kind: 'time', kindAlone: true },
  { field: 'ip', name: /(^|[^a-z])(ip|ip ?address|ipaddr|client ?ip|caller ?ip ?address|source ?ip|src ?ip|remote ?ip|c-ip)([^a-z]|$)|ipaddress/, kind: 'ip', kindAlone: true },
  { field: 'user', name: /user ?principal ?name|upn|user ?name|username|^user$|^caller$|account|login|e-?mail/, kind: 'upn', kindAlone: true },
  { field: 'user_agent', name: /user.?agent|clientinfo|client ?info/, kind: 'ua', kindAlone: true },
  { field: 'correlation_id', name: /correlation|request ?id|operation ?id|trace ?id/, kind: 'guid' },
  { field: 'app_id', name: /app(lication)? ?id|client ?id|appid/, kind: 'guid' },
  { field: 'user_id', name: /user ?id|object ?id|oid|principal ?id|actor ?id/, kind: 'guid' },
  { field: 'app', name: /app(lication)? ?(display ?)?name|^application$|^app$|client ?app/ },
  { field: 'operation', name: /operation|activity|action|event ?name|^event$|method/ },
  { field: 'result', name: /result|status|outcome/ },
  { field: 'resource', name: /resource|target|object|^uri$|url/ },
  { field: 'country', name: /country/ },
];

/** Mapping for a shape no profile knows; returns it with the list of fields it found. */
export function inferMapping(headers: readonly string[], sample: readonly (readonly (string | null)[])[] = []): { mapping: FieldMapping; inferred: string[] } {
  const keys = headers.map(headerKey);
  const taken = new Set<number>();
  const mapping: FieldMapping = {};
  const inferred: string[] = [];
  const hasSample = sample.length > 0;
  for (const rule of RULES) {
    let pick = -1;
    for (let i = 0; i < keys.length && pick < 0; i++) {
      if (taken.has(i) || !rule.name.test(keys[i] ?? '')) continue;
      if (!rule.kind || !hasSample || share(sample, i, rule.kind) >= 0.8) pick = i;
    }
    if (pick < 0 && rule.kind && rule.kindAlone && hasSample) {
      for (let i = 0; i < keys.length && pick < 0; i++) if (!taken.has(i) && share(sample, i, rule.kind) >= 0.8) pick = i;
    }
    if (pick < 0) continue;
    taken.add(pick);
    mapping[rule.field] = [{ columns: [keys[pick] ?? ''] }];
    inferred.push(rule.field);
  }
  return { mapping, inferred };
}
