// Applications and resources that appear in the tenant's sign-ins.

export interface AppTarget {
  application: string;
  applicationId: string;
  resource: string;
  resourceId: string;
  /** true: the employee's browser; false: a desktop client with its own user agent. */
  browser: boolean;
}

const GRAPH = { resource: 'Microsoft Graph', resourceId: '00000003-0000-0000-c000-000000000000' };
const EXCHANGE = { resource: 'Office 365 Exchange Online', resourceId: '00000002-0000-0ff1-ce00-000000000000' };
export const KEY_VAULT_RESOURCE = { resource: 'Azure Key Vault', resourceId: 'cfa8b339-82a2-471a-a3c9-0fc0be7a4093' };

export const EMPLOYEE_APPS: readonly AppTarget[] = [
  { application: 'My Apps', applicationId: '2793995e-0a7d-40d7-bd35-6968ba142197', ...GRAPH, browser: true },
  { application: 'OfficeHome', applicationId: '4765445b-32c6-49b0-83e6-1d93765276ca', ...GRAPH, browser: true },
  { application: 'Office 365 Exchange Online', applicationId: '00000002-0000-0ff1-ce00-000000000000', ...EXCHANGE, browser: true },
  {
    application: 'Azure Portal',
    applicationId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
    resource: 'Windows Azure Service Management API',
    resourceId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
    browser: true,
  },
  {
    application: 'Microsoft Teams',
    applicationId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
    resource: 'Microsoft Teams Services',
    resourceId: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
    browser: false,
  },
  { application: 'Microsoft Office', applicationId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', ...EXCHANGE, browser: false },
];

export const SPRAY_APP: AppTarget = EMPLOYEE_APPS[1] as AppTarget;

/** Desktop-client user agent for an app that is not used in a browser. */
export function desktopUserAgent(application: string, os: string): string {
  const mac = os === 'MacOs';
  if (application === 'Microsoft Teams') {
    return mac
      ? 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Teams/1.6.00.27656 Chrome/85.0.4183.121 Electron/10.4.7 Safari/537.36'
      : 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/1.6.00.27573 Chrome/85.0.4183.121 Electron/10.4.7 Safari/537.36';
  }
  return mac
    ? 'Microsoft Office/16.0 (Macintosh; Mac OS X 10.15.7; Microsoft Outlook 16.78)'
    : 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.16827; Pro)';
}
