// Curated Microsoft first-party application IDs (clients and resources) with why each matters to an investigator.

export type AppKind = 'public client' | 'first-party portal' | 'resource';

export interface KnownApp {
  id: string;
  name: string;
  kind: AppKind;
  why: string;
}

// Facts from AZURE-LOGS.md §9, names as in merill/microsoft-info MicrosoftApps.csv (MIT,
// docs/azure-headers/MicrosoftApps-merill-MIT.csv) and Microsoft Learn "Verify first-party Microsoft
// applications in sign-in reports". Visual Studio (872cd9fa…) is not in the merill list: commonly cited, unverified.
const APPS: readonly KnownApp[] = [
  { id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', name: 'Microsoft Azure CLI', kind: 'public client', why: 'Public client usable from any machine; scripted Key Vault / ARM access by a user token.' },
  { id: '1950a258-227b-4e31-a9cf-717495945fc2', name: 'Microsoft Azure PowerShell', kind: 'public client', why: 'Public client for the Az modules; scripted resource and Key Vault access.' },
  { id: '14d82eec-204b-4c2f-b7e8-296a70dab67e', name: 'Microsoft Graph Command Line Tools', kind: 'public client', why: 'Graph PowerShell SDK: directory recon and bulk data pulls.' },
  { id: 'de8bc8b5-d9f9-48b1-a8ad-b748da725064', name: 'Graph Explorer', kind: 'public client', why: 'Ad-hoc Graph queries from a browser; unusual for ordinary users.' },
  { id: '1b730954-1685-4b74-9bfd-dac224a7b894', name: 'Azure Active Directory PowerShell', kind: 'public client', why: 'Legacy AzureAD/MSOnline module; used by AADInternals-style tooling.' },
  { id: 'fb78d390-0c51-40cd-8e17-fdbfab77341b', name: 'Microsoft Exchange REST API Based Powershell', kind: 'public client', why: 'Exchange Online PowerShell: mailbox rules, permissions, exports.' },
  { id: '9bc3ab49-b65d-410a-85ad-de819febfddc', name: 'Microsoft SharePoint Online Management Shell', kind: 'public client', why: 'SharePoint admin shell: site and sharing changes.' },
  { id: 'aebc6443-996d-45c2-90f0-388ff96faa56', name: 'Visual Studio Code', kind: 'public client', why: 'Frequently abused in device-code phishing.' },
  { id: '872cd9fa-d31f-45e0-9eab-6e460a02d1f1', name: 'Visual Studio', kind: 'public client', why: 'Developer public client; device-code abuse (not in merill list, verify).' },
  { id: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', name: 'Microsoft Office', kind: 'public client', why: 'FOCI client: token theft and device-code phishing favourite.' },
  { id: '29d9ed98-a469-4536-ade2-f981bc1d605e', name: 'Microsoft Authentication Broker', kind: 'public client', why: 'Device registration and PRT abuse.' },
  { id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', name: 'Microsoft Teams', kind: 'public client', why: 'FOCI client; stolen Teams tokens unlock other family apps.' },
  { id: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', name: 'Microsoft Teams Web Client', kind: 'first-party portal', why: 'Browser Teams sessions.' },
  { id: '27922004-5251-4030-b22d-91ecd9a37ea4', name: 'Outlook Mobile', kind: 'public client', why: 'Mobile mail client; new device for a user is worth a look.' },
  { id: 'ab9b8c07-8f02-4f72-87fa-80105867a763', name: 'OneDrive SyncEngine', kind: 'public client', why: 'Bulk file sync: exfiltration channel.' },
  { id: '4813382a-8fa7-425e-ab75-3b753aab3abb', name: 'Microsoft Authenticator App', kind: 'public client', why: 'MFA app registration and approvals.' },
  { id: '9ba1a5c7-f17a-4de9-a1f1-6178c8d51223', name: 'Microsoft Intune Company Portal', kind: 'public client', why: 'Device enrolment; listed as worth review by Microsoft-Analyzer-Suite.' },
  { id: '38aa3b87-a06d-4817-b275-7a316988d93b', name: 'Windows Sign In', kind: 'public client', why: 'Windows logon / PRT issuance (merill: Windows Hello for Business).' },
  { id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', name: 'Azure Portal', kind: 'first-party portal', why: 'Interactive admin access to Azure resources.' },
  { id: '4765445b-32c6-49b0-83e6-1d93765276ca', name: 'OfficeHome', kind: 'first-party portal', why: 'Typical AiTM phishing landing app.' },
  { id: '4345a7b9-9a63-4910-a426-35363201d503', name: 'O365 Suite UX', kind: 'first-party portal', why: 'Office web shell.' },
  { id: '89bee1f7-5e6e-4d8a-9f3d-ecd601259da7', name: 'Office365 Shell WCSS-Client', kind: 'first-party portal', why: 'Office web shell.' },
  { id: 'ecd6b820-32c2-49b6-98a6-444530e5a77a', name: 'Microsoft Edge', kind: 'public client', why: 'Browser sign-in (profile sync).' },
  { id: '19db86c3-b2b9-44cc-b339-36da233a3be2', name: 'My Signins', kind: 'first-party portal', why: 'MFA method registration: persistence after compromise.' },
  { id: '0000000c-0000-0000-c000-000000000000', name: 'Microsoft App Access Panel', kind: 'first-party portal', why: 'My Apps portal.' },
  { id: '2793995e-0a7d-40d7-bd35-6968ba142197', name: 'My Apps', kind: 'first-party portal', why: 'User app launcher.' },
  { id: '00000003-0000-0000-c000-000000000000', name: 'Microsoft Graph', kind: 'resource', why: 'Directory, mail and files API: most data access goes through it.' },
  { id: '00000002-0000-0000-c000-000000000000', name: 'Windows Azure Active Directory', kind: 'resource', why: 'Legacy AAD Graph API: old tooling and recon.' },
  { id: '797f4846-ba00-4fd7-ba43-dac1f8f63013', name: 'Azure Resource Manager', kind: 'resource', why: 'Control plane for all Azure resources ("Windows Azure Service Management API" in sign-ins).' },
  { id: 'cfa8b339-82a2-471a-a3c9-0fc0be7a4093', name: 'Azure Key Vault', kind: 'resource', why: 'Secrets, keys and certificates data plane.' },
  { id: 'e406a681-f3d4-42a8-90b6-c2b029497af1', name: 'Azure Storage', kind: 'resource', why: 'Blob/file data plane: exfiltration target.' },
  { id: '00000002-0000-0ff1-ce00-000000000000', name: 'Office 365 Exchange Online', kind: 'resource', why: 'Mailbox access.' },
  { id: '00000003-0000-0ff1-ce00-000000000000', name: 'Office 365 SharePoint Online', kind: 'resource', why: 'SharePoint/OneDrive file access.' },
  { id: 'c5393580-f805-4401-95e8-94b7a6ef2fc2', name: 'Office 365 Management APIs', kind: 'resource', why: 'Audit log retrieval; attackers check what is logged.' },
];

const BY_ID: ReadonlyMap<string, KnownApp> = new Map(APPS.map((a) => [a.id, a]));

export const AZURE_CLI_APP_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
export const AZURE_POWERSHELL_APP_ID = '1950a258-227b-4e31-a9cf-717495945fc2';
export const GRAPH_CLI_APP_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

/** Looks up a known app by id (case-insensitive GUID, surrounding whitespace and braces ignored). */
export function knownApp(appId: string | null | undefined): KnownApp | null {
  if (!appId) return null;
  const key = appId.trim().replace(/^\{|\}$/g, '').toLowerCase();
  return BY_ID.get(key) ?? null;
}

export function appName(appId: string | null | undefined): string | null {
  return knownApp(appId)?.name ?? null;
}

export function listKnownApps(): readonly KnownApp[] {
  return APPS;
}
