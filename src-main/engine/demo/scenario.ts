// Fixed facts of the demo scenario: tenant, attacker, vaults, applications and user agents.

export const TENANT_ID = '039f1e32-ae79-4127-ae22-38a2f4baa932';
export const TENANT_NAME = 'Bank';
export const DOMAIN = 'bank.onmicrosoft.com';
/** Microsoft's own tenant: owner of first-party applications. */
export const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

export const ALERT_IP = '201.231.8.199';
export const ATTACKER_LOCATION = 'Buenos Aires, Buenos Aires, AR';
export const ATTACKER_ASN = 10318;
export const VICTIM = {
  name: 'Miriam Graham',
  upn: `miriamg@${DOMAIN}`,
  objectId: '21ab94a6-9c90-4266-8e59-3147507f46fe',
} as const;

export const SUBSCRIPTION_ID = 'Id12az1234-04by-4e50-1e11-c00ae123d0bd';
export const FINANCE_GROUP = 'FINANCE';
export const DEV_GROUP = 'ENGINEERING-DEV';
export const VAULT_SALARY = 'SALARY';
export const VAULT_AUDITS = 'AUDITS';
export const VAULT_DEV = 'PAYAPI-DEV';
export const KEY_NAME = 'Payroll';
export const SECRET_NAME = 'Confidential';

export const CLI_APP_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
export const PS_APP_ID = '1950a258-227b-4e31-a9cf-717495945fc2';
export const PORTAL_APP_ID = 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c';
export const PS_CORRELATION_ID = '9c059db6-eb2f-4085-9979-4c94a5b19b0d';

export const CLI_KV_USER_AGENT = 'azsdk-python-keyvault-secrets/4.7.0 Python/3.11.5 (Windows-10-10.0.19044-SP0)';
export const DEV_KV_USER_AGENT =
  'azsdk-python-keyvault-secrets/4.7.0 Python/3.11.4 (Linux-5.15.133.1-microsoft-standard-WSL2-x86_64-with-glibc2.35)';
export const PS_KV_USER_AGENT =
  'FxVersion/4.8.4645.0 OSName/Windows OSVersion/Microsoft.Windows.10.0.19044. Microsoft.Azure.KeyVault.KeyVaultClient/3.0.1.0 AzurePowershell/v0.0.0 PSVersion/v5.1.19041.1237 Az.KeyVault/5.0.1';
export const PORTAL_KV_USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) PortalExtension';
export const WORKLOAD_KV_USER_AGENT =
  'azsdk-net-Security.KeyVault.Secrets/4.5.0 (.NET 6.0.22; Microsoft Windows 10.0.20348)';

export const CLI_SIGNIN_USER_AGENT = 'python-requests/2.31.0';
export const PS_SIGNIN_USER_AGENT = 'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.1237';

/** The payroll-sync managed identity: its own app id, reading secrets around the clock from Azure. */
export const WORKLOAD = {
  appId: 'c81f4ed1-36de-44bb-b5d1-1c547ca79ca6',
  objectId: '5d2e7a90-3c4b-4f61-9a8e-0b7c2d41e6f3',
  ips: ['20.42.65.91', '20.42.65.92', '20.42.66.14'],
} as const;

export const OFFICE = {
  ips: ['198.51.100.10', '198.51.100.11', '198.51.100.12'],
  location: 'Seattle, Washington, US',
  asn: 8075,
} as const;

export const TRAVEL = { ip: '81.2.69.160', location: 'London, England, GB', asn: 20712 } as const;
export const SPRAY = {
  ips: ['45.155.205.30', '45.155.205.31', '45.155.205.32'],
  location: 'Moscow, Moscow, RU',
  asn: 9009,
  userAgent: 'Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1)',
} as const;
export const SCANNER = {
  ip: '203.0.113.250',
  location: 'Frankfurt am Main, Hessen, DE',
  asn: 24940,
  userAgents: ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>{{7*7}}'],
} as const;

export const MITRE = ['T1528', 'T1530', 'T1552.001'] as const;

/** First day (UTC midnight) and number of days the exports cover: Sat 21 Oct → Fri 27 Oct 2023. */
export const FIRST_DAY_UTC = Date.UTC(2023, 9, 21);
export const DAYS = 7;
export const DAY_MS = 86_400_000;
/** The fixed creation date written into workbook properties and zip entries. */
export const FILE_DATE_UTC = Date.UTC(2023, 9, 28, 9, 0, 0);
