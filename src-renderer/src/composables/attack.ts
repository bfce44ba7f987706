// ATT&CK helpers for the UI: the shared technique table (src-main/contract/attack.ts), tactics and common tags.

export { ATTACK_TECHNIQUES } from '../../../src-main/contract/attack';
import { ATTACK_TECHNIQUES } from '../../../src-main/contract/attack';

/** The ATT&CK enterprise tactics, in kill-chain order (suggested finding phases). */
export const ATTACK_TACTICS: readonly string[] = [
  'Reconnaissance',
  'Resource Development',
  'Initial Access',
  'Execution',
  'Persistence',
  'Privilege Escalation',
  'Defense Evasion',
  'Credential Access',
  'Discovery',
  'Lateral Movement',
  'Collection',
  'Command and Control',
  'Exfiltration',
  'Impact',
];

/** Tags analysts reach for often; the tag field still takes free text. */
export const COMMON_TAGS: readonly string[] = [
  'attacker',
  'suspicious',
  'benign',
  'false-positive',
  'initial-access',
  'credential-access',
  'discovery',
  'collection',
  'exfiltration',
  'persistence',
  'key-vault',
  'sign-in',
  'ioc',
  'follow-up',
];

/** "T1528 Steal Application Access Token", or just the id when we do not list it. */
export function techniqueLabel(id: string): string {
  const name = Object.prototype.hasOwnProperty.call(ATTACK_TECHNIQUES, id) ? ATTACK_TECHNIQUES[id] : undefined;
  return name === undefined ? id : `${id} ${name}`;
}

/** Pulls the technique id out of a typed or picked value ("t1528", "T1528 Steal …"); null when none. */
export function parseTechniqueInput(text: string): string | null {
  const m = /^\s*(t\d{4}(?:\.\d{3})?)(?=\s|$)/i.exec(text);
  return m?.[1] === undefined ? null : m[1].toUpperCase();
}
