// Classifies a user-agent / clientInfo string into the client tool that produced it (offline, pattern based).

import { AZURE_CLI_APP_ID, AZURE_POWERSHELL_APP_ID, GRAPH_CLI_APP_ID } from './apps';

export type ToolFamily = 'sdk' | 'cli' | 'powershell' | 'browser' | 'script' | 'offensive' | 'mobile' | 'other';

export interface ToolInfo {
  tool: string;
  family: ToolFamily;
  programmatic: boolean;
}

const PROGRAMMATIC: Record<ToolFamily, boolean> = {
  sdk: true, cli: true, powershell: true, script: true, offensive: true, browser: false, mobile: false, other: false,
};

function info(tool: string, family: ToolFamily): ToolInfo {
  return { tool, family, programmatic: PROGRAMMATIC[family] };
}

// Offensive tooling whose names appear in user agents (AADInternals, ROADtools, TokenTactics, GraphRunner,
// AzureHound, MicroBurst, PowerZure, Stormspotter: their public repositories; BAV2ROPC: Microsoft and vendor
// password-spray write-ups). Matched as case-insensitive substrings.
const OFFENSIVE: ReadonlyArray<readonly [RegExp, string]> = [
  [/aadinternals/i, 'AADInternals'],
  [/roadrecon|roadtools|roadtx|roadlib/i, 'ROADtools'],
  [/tokentactics/i, 'TokenTactics'],
  [/graphrunner/i, 'GraphRunner'],
  [/azurehound/i, 'AzureHound'],
  [/microburst/i, 'MicroBurst'],
  [/powerzure/i, 'PowerZure'],
  [/stormspotter/i, 'Stormspotter'],
  [/graphspy/i, 'GraphSpy'],
  [/teamfiltration/i, 'TeamFiltration'],
  [/bav2ropc/i, 'BAV2ROPC (legacy ROPC auth, password spray)'],
];

// Azure SDK "azsdk-<lang>-<package>/<version>" telemetry prefix (Azure SDK design guidelines, "Telemetry policy").
const AZSDK = /azsdk-(python|net|java|js|go|cpp|rust|android|ios)-([A-Za-z0-9._-]{1,60})\//i;
const SDK_LANG: Record<string, string> = {
  python: 'Python', net: '.NET', java: 'Java', js: 'JavaScript', go: 'Go', cpp: 'C++', rust: 'Rust', android: 'Android', ios: 'iOS',
};

function sdkLanguage(ua: string): string | null {
  const m = AZSDK.exec(ua);
  if (m?.[1]) return SDK_LANG[m[1].toLowerCase()] ?? null;
  if (/Azure-SDK-For-Python|msrest_azure|msal\.python/i.test(ua)) return 'Python';
  if (/Azure-SDK-For-Net|Microsoft\.Azure\.|FxVersion\//i.test(ua)) return '.NET';
  return null;
}

function azureTooling(ua: string): ToolInfo | null {
  if (/AZURECLI\/|azure-cli\//i.test(ua)) return info('Azure CLI', 'cli');
  if (/AzurePowershell\/|Az\.[A-Za-z]+\/\d|Microsoft\.Azure\.KeyVault\.KeyVaultClient|Microsoft\.Azure\.PowerShell/i.test(ua)) {
    return info('Azure PowerShell', 'powershell');
  }
  if (/Microsoft\.Graph\.PowerShell|graph-powershell|Invoke-MgGraphRequest|Microsoft\.Graph\.Authentication/i.test(ua)) {
    return info('Microsoft Graph PowerShell', 'powershell');
  }
  if (/ExchangeOnlineManagement|Exchange Online PowerShell/i.test(ua)) return info('Exchange Online PowerShell', 'powershell');
  if (/PortalExtension/i.test(ua)) return info('Azure Portal', 'browser');
  if (/azure-resource-manager\//i.test(ua)) return info('Azure Resource Manager (service)', 'other');
  const m = AZSDK.exec(ua);
  if (m?.[1] && m[2]) return info(`Azure SDK for ${SDK_LANG[m[1].toLowerCase()] ?? m[1]} (${m[2]})`, 'sdk');
  const legacy = /Azure-SDK-For-(Python|Net|Java|Node)/i.exec(ua);
  if (legacy?.[1]) {
    const pkg = /\b(azure-[a-z-]{2,40})\//i.exec(ua)?.[1];
    const lang = legacy[1].toLowerCase() === 'net' ? '.NET' : legacy[1][0]?.toUpperCase() + legacy[1].slice(1).toLowerCase();
    return info(`Azure SDK for ${lang}${pkg ? ` (${pkg})` : ''}`, 'sdk');
  }
  return null;
}

function scripting(ua: string): ToolInfo | null {
  let m = /WindowsPowerShell\/(\d+\.\d+)/i.exec(ua);
  if (m) return info(`Windows PowerShell ${m[1]}`, 'powershell');
  m = /\bPowerShell\/(\d+\.\d+)/i.exec(ua);
  if (m) return info(`PowerShell ${m[1]}`, 'powershell');
  const simple: ReadonlyArray<readonly [RegExp, string]> = [
    [/python-requests\//i, 'python-requests'],
    [/python-urllib|aiohttp\/|httpx\//i, 'Python HTTP client'],
    [/^curl\/|\bcurl\/\d/i, 'curl'],
    [/^wget\/|\bwget\/\d/i, 'Wget'],
    [/Go-http-client\//i, 'Go HTTP client'],
    [/\baxios\//i, 'axios'],
    [/node-fetch|undici|^node\/|node\.js/i, 'Node.js HTTP client'],
    [/Apache-HttpClient|^Java\//i, 'Java HTTP client'],
    [/libwww-perl/i, 'Perl LWP'],
    [/okhttp\//i, 'OkHttp'],
    [/fasthttp/i, 'fasthttp'],
    [/^Python\/|\bPython\/\d/i, 'Python'],
  ];
  for (const [re, tool] of simple) if (re.test(ua)) return info(tool, 'script');
  return null;
}

function mobileApp(ua: string): ToolInfo | null {
  const apps: ReadonlyArray<readonly [RegExp, string]> = [
    [/Outlook-iOS/i, 'Outlook for iOS'],
    [/Outlook-Android/i, 'Outlook for Android'],
    [/OutlookMobile|Outlook Mobile/i, 'Outlook Mobile'],
    [/TeamsMobile|Teams\/.*(iPhone|Android)/i, 'Teams mobile'],
    [/OneDriveiOSApp|OneDrive.*Android/i, 'OneDrive mobile'],
    [/Authenticator/i, 'Microsoft Authenticator'],
    [/CFNetwork\/.*Darwin\//i, 'iOS app'],
    [/Dalvik\//i, 'Android app'],
  ];
  for (const [re, tool] of apps) if (re.test(ua)) return info(tool, 'mobile');
  return null;
}

function platformSuffix(ua: string): string {
  if (/iPhone|iPad/.test(ua)) return ' (iOS)';
  if (/Android/.test(ua)) return ' (Android)';
  return '';
}

function browser(ua: string): ToolInfo | null {
  let name: string | null = null;
  let m: RegExpExecArray | null;
  if ((m = /\bEdg(?:e|A|iOS)?\/(\d+)/.exec(ua))) name = `Edge ${m[1]}`;
  else if ((m = /\bOPR\/(\d+)/.exec(ua))) name = `Opera ${m[1]}`;
  else if ((m = /\b(?:Firefox|FxiOS)\/(\d+)/.exec(ua))) name = `Firefox ${m[1]}`;
  else if ((m = /\b(?:Chrome|CriOS)\/(\d+)/.exec(ua))) name = `Chrome ${m[1]}`;
  else if ((m = /Version\/(\d+(?:\.\d+)?).*Safari\//.exec(ua))) name = `Safari ${m[1]}`;
  else if ((m = /MSIE (\d+)/.exec(ua))) name = `Internet Explorer ${m[1]}`;
  else if (/Trident\/7/.test(ua)) name = 'Internet Explorer 11';
  if (!name) return null;
  const suffix = platformSuffix(ua);
  return info(name + suffix, suffix || /\bMobile\b/.test(ua) ? 'mobile' : 'browser');
}

/** The client tool behind a user agent, or null when empty or unrecognized. Never echoes unvetted text. */
export function classifyTool(userAgent: string | null): ToolInfo | null {
  if (userAgent == null) return null;
  const ua = userAgent.trim();
  if (ua === '') return null;
  for (const [re, tool] of OFFENSIVE) if (re.test(ua)) return info(tool, 'offensive');
  return azureTooling(ua) ?? scripting(ua) ?? mobileApp(ua) ?? browser(ua);
}

const VIA_ARM = 'Azure Resource Manager (service)';

function isPythonish(c: ToolInfo, ua: string): boolean {
  return sdkLanguage(ua) === 'Python' || c.tool === 'python-requests' || c.tool === 'Python' || c.tool === 'Python HTTP client';
}

/**
 * Tool from user agent and client app id together: the app id says which public client issued the token
 * (Azure CLI, Azure PowerShell, Graph PowerShell), the user agent says what sent the request.
 */
export function toolFor(userAgent: string | null, appId: string | null): ToolInfo | null {
  const c = classifyTool(userAgent);
  if (c?.family === 'offensive' || c?.family === 'browser' || c?.family === 'mobile') return c;
  const ua = userAgent ?? '';
  const app = appId?.trim().toLowerCase() ?? '';
  if (app === AZURE_CLI_APP_ID) {
    if (!c || c.tool === 'Azure CLI') return info('Azure CLI', 'cli');
    if (isPythonish(c, ua)) return info('Azure CLI (Python SDK)', 'cli');
    if (c.tool === VIA_ARM) return info('Azure CLI (via ARM)', 'cli');
    const lang = sdkLanguage(ua);
    return info(lang ? `Azure CLI (${lang} SDK)` : `Azure CLI (${c.tool})`, 'cli');
  }
  if (app === AZURE_POWERSHELL_APP_ID) {
    if (!c || c.family === 'powershell' || sdkLanguage(ua) === '.NET') return info('Azure PowerShell', 'powershell');
    if (c.tool === VIA_ARM) return info('Azure PowerShell (via ARM)', 'powershell');
    return info(`Azure PowerShell (${c.tool})`, 'powershell');
  }
  if (app === GRAPH_CLI_APP_ID) {
    if (!c || c.family === 'powershell' || c.family === 'sdk') return info('Microsoft Graph PowerShell', 'powershell');
    return info(`Microsoft Graph PowerShell (${c.tool})`, 'powershell');
  }
  return c;
}
