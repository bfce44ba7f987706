// What a seed-case report must contain: the write-up's IOC values (defanged) and ATT&CK techniques, from expected.json.
export const EXPECTED_TECHNIQUES: readonly (readonly [string, string])[] = [
  ['T1528', 'Steal Application Access Token'],
  ['T1530', 'Data from Cloud Storage'],
  ['T1552.001', 'Unsecured Credentials: Credentials In Files'],
];

/** Every value of the write-up's IOC table, as the defanged report prints it. */
export function expectedReportValues(truth: Record<string, unknown>): string[] {
  const s = (k: string): string => String(truth[k]);
  const vaults = Array.isArray(truth['vaults']) ? truth['vaults'].map(String) : [];
  const values = [
    '201[.]231[.]8[.]199',
    'miriamg@bank[.]onmicrosoft[.]com',
    s('account'),
    s('token_type'),
    s('subscription_id'),
    s('resource_group'),
    ...vaults,
    s('key_accessed'),
    s('secret_accessed'),
    s('cli_app_id'),
    'Microsoft Azure CLI',
    s('cli_user_agent'),
    s('ps_user_agent'),
  ];
  // the defanged forms above are the write-up's; make sure they are still the fixture's values
  if (s('alert_ip') !== '201.231.8.199' || s('upn') !== 'miriamg@bank.onmicrosoft.com') throw new Error('expected.json changed; update the defanged forms');
  return values;
}

/** The text of one `## Heading` section of a Markdown report (up to the next `## `). */
export function sectionOf(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}\n`);
  if (start < 0) return '';
  const next = md.indexOf('\n## ', start + 4);
  return md.slice(start, next < 0 ? undefined : next);
}

/** Markdown with backslash escapes removed, so values compare as the reader sees them. */
export function unescapeMarkdown(md: string): string {
  return md.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}
