// Renderer copy of the engine's curated ATT&CK technique names (kept equal by test/renderer/attackTable.test.ts), tactics and common tags.

/** Technique id → name, same entries as ATTACK_TECHNIQUES in src-main/engine/report/attack.ts. */
export const ATTACK_TECHNIQUES: Readonly<Record<string, string>> = {
  T1059: 'Command and Scripting Interpreter',
  'T1059.009': 'Command and Scripting Interpreter: Cloud API',
  T1069: 'Permission Groups Discovery',
  'T1069.003': 'Permission Groups Discovery: Cloud Groups',
  T1070: 'Indicator Removal',
  T1078: 'Valid Accounts',
  'T1078.004': 'Valid Accounts: Cloud Accounts',
  T1087: 'Account Discovery',
  'T1087.004': 'Account Discovery: Cloud Account',
  T1090: 'Proxy',
  T1098: 'Account Manipulation',
  'T1098.001': 'Account Manipulation: Additional Cloud Credentials',
  'T1098.003': 'Account Manipulation: Additional Cloud Roles',
  'T1098.005': 'Account Manipulation: Device Registration',
  T1110: 'Brute Force',
  'T1110.001': 'Brute Force: Password Guessing',
  'T1110.003': 'Brute Force: Password Spraying',
  'T1110.004': 'Brute Force: Credential Stuffing',
  T1114: 'Email Collection',
  'T1114.002': 'Email Collection: Remote Email Collection',
  'T1114.003': 'Email Collection: Email Forwarding Rule',
  T1133: 'External Remote Services',
  T1136: 'Create Account',
  'T1136.003': 'Create Account: Cloud Account',
  T1199: 'Trusted Relationship',
  T1213: 'Data from Information Repositories',
  T1485: 'Data Destruction',
  T1496: 'Resource Hijacking',
  T1526: 'Cloud Service Discovery',
  T1528: 'Steal Application Access Token',
  T1530: 'Data from Cloud Storage',
  T1534: 'Internal Spearphishing',
  T1537: 'Transfer Data to Cloud Account',
  T1538: 'Cloud Service Dashboard',
  T1539: 'Steal Web Session Cookie',
  T1550: 'Use Alternate Authentication Material',
  'T1550.001': 'Use Alternate Authentication Material: Application Access Token',
  T1552: 'Unsecured Credentials',
  'T1552.001': 'Unsecured Credentials: Credentials In Files',
  'T1552.005': 'Unsecured Credentials: Cloud Instance Metadata API',
  T1555: 'Credentials from Password Stores',
  'T1555.006': 'Credentials from Password Stores: Cloud Secrets Management Stores',
  T1556: 'Modify Authentication Process',
  'T1556.006': 'Modify Authentication Process: Multi-Factor Authentication',
  T1562: 'Impair Defenses',
  'T1562.008': 'Impair Defenses: Disable or Modify Cloud Logs',
  'T1564.008': 'Hide Artifacts: Email Hiding Rules',
  T1566: 'Phishing',
  'T1566.002': 'Phishing: Spearphishing Link',
  T1567: 'Exfiltration Over Web Service',
  T1578: 'Modify Cloud Compute Infrastructure',
  T1580: 'Cloud Infrastructure Discovery',
  T1606: 'Forge Web Credentials',
  'T1606.002': 'Forge Web Credentials: SAML Tokens',
  T1619: 'Cloud Storage Object Discovery',
  T1621: 'Multi-Factor Authentication Request Generation',
  T1648: 'Serverless Execution',
  T1651: 'Cloud Administration Command',
  T1657: 'Financial Theft',
};

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
