// The built-in detections as data: id, title, base severity, ATT&CK ids, description, Loupe query and correlation step.
import type { TriageRule } from './types';

const SIGNIN_OK = "@operation = 'Sign-in' and @result = 'Success'";
const VAULT_RESOURCE = "@resource contains '/providers/microsoft.keyvault/vaults/'";
const VAULT_OBJECT_OPS = ['Key', 'Secret', 'Certificate'].flatMap((o) =>
  ['List', 'ListVersions', 'ListDeleted', 'Get', 'Backup', 'Export'].map((v) => `${o}${v}`));
const OFFENSIVE_TOOLS = ['AADInternals', 'ROADtools', 'TokenTactics', 'GraphRunner', 'AzureHound', 'MicroBurst', 'PowerZure',
  'Stormspotter', 'GraphSpy', 'TeamFiltration', 'BAV2ROPC (legacy ROPC auth, password spray)'];

export const RULES: readonly TriageRule[] = [
  {
    id: 'signin-new-origin',
    title: 'Sign-in from an IP, country or ASN not seen for the user before',
    severity: 'low',
    techniques: ['T1078.004'],
    description:
      'A successful sign-in from an origin the user had not used earlier in the case. Scored higher when the incoming token was a ' +
      'refresh token or primary refresh token (token replay), Conditional Access was not applied, or the authentication was ' +
      'single-factor; lower when MFA was performed.',
    query: SIGNIN_OK,
    correlate: { kind: 'new-signin-origin' },
    phase: 'Initial Access',
  },
  {
    id: 'signin-to-resource-access',
    title: 'Resource access following a suspicious sign-in (attack chain)',
    severity: 'high',
    techniques: ['T1078.004', 'T1530', 'T1552.001', 'T1555.006'],
    description:
      'Key Vault and other resource operations by the same user object id or UPN, or from the same IP, within the window after a ' +
      'sign-in from a new origin scored medium or higher. Correlated on identity, IP and time because Key Vault correlation ids ' +
      'are set by the client and do not join to sign-ins.',
    query: "@operation != 'Sign-in'",
    correlate: { kind: 'signin-to-resource', windowMinutes: 240 },
    phase: 'Collection',
  },
  {
    id: 'vault-enumerate-then-retrieve',
    title: 'Vault enumeration followed by retrieval',
    severity: 'low',
    techniques: ['T1580', 'T1555.006', 'T1552.001'],
    description: 'One identity lists keys, secrets or certificates and then gets them within a short window: discover, then take.',
    query: `@operation in (${VAULT_OBJECT_OPS.map((o) => `'${o}'`).join(', ')})`,
    correlate: { kind: 'enumerate-then-retrieve', windowMinutes: 30 },
    phase: 'Credential Access',
  },
  {
    id: 'vault-many-vaults',
    title: 'Several vaults accessed by one identity',
    severity: 'low',
    techniques: ['T1580', 'T1526'],
    description: 'One identity touches two or more Key Vaults within an hour; scored higher when tied to a suspicious sign-in or a new IP. An identity that does so on several days (a workload) is routine and not reported.',
    query: VAULT_RESOURCE,
    correlate: { kind: 'many-vaults', windowMinutes: 60, minVaults: 2 },
    phase: 'Discovery',
  },
  {
    id: 'programmatic-client-new-for-user',
    title: 'Programmatic client (CLI, PowerShell, SDK) new for a portal user',
    severity: 'low',
    techniques: ['T1059.009'],
    description:
      'A user whose history in the case is browser or portal use appears with a command-line, PowerShell or SDK client on a single ' +
      'day. A developer who uses the Azure CLI every day is habitual and not reported.',
    query: '@tool is not empty',
    correlate: { kind: 'novel-programmatic-client' },
    phase: 'Execution',
  },
  {
    id: 'multi-tool-session',
    title: 'Two or more programmatic tools from one identity and IP in a session',
    severity: 'low',
    techniques: ['T1059.009'],
    description: 'Distinct client tools (e.g. Azure CLI and Azure PowerShell) used by one identity from one IP within two hours: prepared tooling.',
    query: '@tool is not empty and @ip is not empty',
    correlate: { kind: 'multi-tool-session', windowMinutes: 120, minTools: 2 },
    phase: 'Execution',
  },
  {
    id: 'password-spray',
    title: 'Password spray: many accounts failing from few IPs',
    severity: 'medium',
    techniques: ['T1110.003'],
    description:
      'Failed sign-ins across five or more accounts from one address or one /24, a few attempts per account. The targeted accounts ' +
      'are listed as targets, not as compromised; a success from the same IPs raises the finding.',
    query: "@operation = 'Sign-in' and @result = 'Failure'",
    correlate: { kind: 'password-spray', minUsers: 5 },
    phase: 'Credential Access',
  },
  {
    id: 'offensive-tooling',
    title: 'Known offensive tooling in the user agent',
    severity: 'high',
    techniques: ['T1078.004', 'T1087.004'],
    description: 'Rows whose client was classified as a known attack tool (AADInternals, ROADtools, TokenTactics, AzureHound, …).',
    query: `@tool in (${OFFENSIVE_TOOLS.map((t) => `'${t}'`).join(', ')})`,
    correlate: { kind: 'group-by-actor' },
    phase: 'Discovery',
  },
];
