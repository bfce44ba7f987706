// Recognizes a source's export shape from its headers (never its file name) and returns the profile's mapping.

import { ACTIVITY_PROFILES } from './defs/activity';
import { AUDIT_PROFILES } from './defs/audit';
import { KEYVAULT_PROFILES } from './defs/keyvault';
import { M365_PROFILES } from './defs/m365';
import { SIGNIN_PROFILES } from './defs/signins';
import { indexHeaders } from './headerKey';
import { inferMapping } from './infer';
import type { DetectedProfile, ProfileDef, ProfileInfo } from './types';

export const PROFILES: readonly ProfileDef[] = [
  ...SIGNIN_PROFILES, ...KEYVAULT_PROFILES, ...ACTIVITY_PROFILES, ...AUDIT_PROFILES, ...M365_PROFILES,
];

export const GENERIC_PROFILE: ProfileInfo = { id: 'generic', name: 'Generic table (inferred mapping)', version: 1 };

/** 0 when the profile does not fit; otherwise 0.5..1 growing with the share of typical headers present. */
export function scoreProfile(def: ProfileDef, present: ReadonlySet<string>): number {
  if (!def.required.every((h) => present.has(h))) return 0;
  if (def.anyOf && !def.anyOf.every((group) => group.some((h) => present.has(h)))) return 0;
  if (def.excludes?.some((h) => present.has(h))) return 0;
  const hits = def.hints.filter((h) => present.has(h)).length;
  return 0.5 + 0.5 * (def.hints.length === 0 ? 1 : hits / def.hints.length);
}

export function detectProfile(headers: string[], sample?: (string | null)[][]): DetectedProfile {
  const present = new Set(indexHeaders(headers).keys());
  let best: ProfileDef | null = null;
  let bestScore = 0;
  for (const def of PROFILES) {
    const score = scoreProfile(def, present);
    // Ties go to the profile with more required headers (the more specific shape).
    if (score > bestScore || (score === bestScore && score > 0 && best !== null && def.required.length > best.required.length)) {
      best = def;
      bestScore = score;
    }
  }
  if (best) return { profile: best.info, mapping: best.mapping, score: bestScore, inferred: [] };
  const { mapping, inferred } = inferMapping(headers, sample ?? []);
  return { profile: GENERIC_PROFILE, mapping, score: 0, inferred };
}

export function listProfiles(): ProfileInfo[] {
  return [...PROFILES.map((p) => p.info), GENERIC_PROFILE];
}
