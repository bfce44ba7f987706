// Enrichment tables against the seed case's facts and hostile inputs: app ids, tools, KV URIs, resource ids, sign-in codes.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appName, knownApp, listKnownApps } from '../../../src-main/engine/enrich/apps';
import { parseKeyVaultUri, parseResourceId, vaultFromResource } from '../../../src-main/engine/enrich/azureResource';
import { normalizeConditionalAccess, signinError, tokenType } from '../../../src-main/engine/enrich/signin';
import { classifyTool, toolFor } from '../../../src-main/engine/enrich/useragent';

const expected: Record<string, unknown> = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../shared/fixtures/seed-case/expected.json'), 'utf8'),
);
const str = (k: string): string => {
  const v = expected[k];
  if (typeof v !== 'string') throw new Error(`expected.json: ${k} missing`);
  return v;
};

describe('appName', () => {
  it('names the seed app ids, case-insensitively', () => {
    expect(appName(str('cli_app_id'))).toBe('Microsoft Azure CLI');
    expect(appName(str('ps_app_id').toUpperCase())).toBe('Microsoft Azure PowerShell');
    expect(appName(` {${str('cli_app_id')}} `)).toBe('Microsoft Azure CLI');
    expect(appName('cfa8b339-82a2-471a-a3c9-0fc0be7a4093')).toBe('Azure Key Vault');
    expect(knownApp('797F4846-BA00-4FD7-BA43-DAC1F8F63013')?.kind).toBe('resource');
  });
  it('returns null for unknown or hostile ids', () => {
    expect(appName('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(appName('<script>')).toBeNull();
    expect(appName(null)).toBeNull();
    expect(appName('')).toBeNull();
    expect(appName('__proto__')).toBeNull();
  });
  it('has unique lower-case GUIDs and a note for each', () => {
    const ids = listKnownApps().map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of listKnownApps()) {
      expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(a.why.length).toBeGreaterThan(5);
    }
  });
});

describe('classifyTool / toolFor', () => {
  it('classifies the seed user agents', () => {
    expect(classifyTool(str('cli_user_agent'))).toEqual({ tool: 'Azure SDK for Python (keyvault-secrets)', family: 'sdk', programmatic: true });
    expect(classifyTool(str('ps_user_agent'))).toEqual({ tool: 'Azure PowerShell', family: 'powershell', programmatic: true });
    expect(toolFor(str('cli_user_agent'), str('cli_app_id'))?.tool).toBe('Azure CLI (Python SDK)');
    expect(toolFor('python-requests/2.31.0', str('cli_app_id'))?.tool).toBe('Azure CLI (Python SDK)');
    expect(toolFor(str('ps_user_agent'), str('ps_app_id'))?.tool).toBe('Azure PowerShell');
    expect(toolFor('Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.1237', str('ps_app_id'))?.tool).toBe('Azure PowerShell');
  });
  it.each([
    ['AZURECLI/2.34.1', 'Azure CLI', 'cli'],
    ['python/3.8.9 (Windows-10) AZURECLI/2.34.1 (MSI) azure-keyvault/7.0 Azure-SDK-For-Python', 'Azure CLI', 'cli'],
    ['azsdk-net-Security.KeyVault.Secrets/4.5.0 (.NET 6.0.22; Microsoft Windows 10.0.20348)', 'Azure SDK for .NET (Security.KeyVault.Secrets)', 'sdk'],
    ['azsdk-java-azure-security-keyvault-secrets/4.6.0 (17; Linux)', 'Azure SDK for Java (azure-security-keyvault-secrets)', 'sdk'],
    ['azsdk-js-keyvault-secrets/4.7.0 core-rest-pipeline/1.10.0 Node/v18.0.0 OS/(x64-Linux)', 'Azure SDK for JavaScript (keyvault-secrets)', 'sdk'],
    ['azsdk-go-azsecrets/v1.0.0 (go1.20; linux)', 'Azure SDK for Go (azsecrets)', 'sdk'],
    ['python-requests/2.31.0', 'python-requests', 'script'],
    ['curl/8.4.0', 'curl', 'script'],
    ['Go-http-client/1.1', 'Go HTTP client', 'script'],
    ['axios/1.6.2', 'axios', 'script'],
    ['Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.17763.1971', 'Windows PowerShell 5.1', 'powershell'],
    ['Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.22621; en-US) PowerShell/7.3.4 Invoke-MgGraphRequest', 'Microsoft Graph PowerShell', 'powershell'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36 Edg/118.0.2088.61', 'Edge 118', 'browser'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36', 'Chrome 118', 'browser'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15', 'Safari 17.0', 'browser'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0', 'Firefox 121', 'browser'],
    ['Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1)', 'Internet Explorer 9', 'browser'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', 'Safari 17.0 (iOS)', 'mobile'],
    ['Outlook-iOS/723.4027091.prod.iphone (4.2.0)', 'Outlook for iOS', 'mobile'],
    ['AADInternals', 'AADInternals', 'offensive'],
    ['Mozilla/5.0 (Windows NT 10.0) roadrecon/1.2', 'ROADtools', 'offensive'],
    ['azurehound/v2.1.0', 'AzureHound', 'offensive'],
    ['Mozilla/5.0 TokenTactics', 'TokenTactics', 'offensive'],
    ['GraphRunner', 'GraphRunner', 'offensive'],
    ['BAV2ROPC', 'BAV2ROPC (legacy ROPC auth, password spray)', 'offensive'],
  ])('%s → %s', (ua, tool, family) => {
    const c = classifyTool(ua);
    expect(c?.tool).toBe(tool);
    expect(c?.family).toBe(family);
    expect(c?.programmatic).toBe(!['browser', 'mobile', 'other'].includes(family));
  });
  it('offensive tooling wins over the app id; browsers stay browsers', () => {
    expect(toolFor('AADInternals', str('cli_app_id'))?.family).toBe('offensive');
    expect(toolFor('Mozilla/5.0 (Windows NT 10.0) Chrome/118.0 Safari/537.36', str('cli_app_id'))?.tool).toBe('Chrome 118');
  });
  it('returns null for empty, unknown and hostile strings without echoing them', () => {
    expect(classifyTool(null)).toBeNull();
    expect(classifyTool('   ')).toBeNull();
    expect(classifyTool('<script>alert("loupe")</script>')).toBeNull();
    expect(classifyTool('"><img src=x onerror=alert(document.domain)>{{7*7}}')).toBeNull();
    expect(classifyTool('azsdk-python-<img src=x>/1.0')).toBeNull();
    expect(toolFor(null, null)).toBeNull();
    expect(toolFor(null, str('cli_app_id'))?.tool).toBe('Azure CLI');
  });
});

describe('parseKeyVaultUri', () => {
  it('parses the seed key and secret URIs', () => {
    expect(parseKeyVaultUri(str('key_uri'))).toEqual({ vault: 'salary', objectType: 'key', objectName: 'Payroll', version: null, apiVersion: null, isList: false, deleted: false });
    expect(parseKeyVaultUri(str('secret_uri'))).toMatchObject({ vault: 'salary', objectType: 'secret', objectName: 'Confidential' });
  });
  it('reads a list URI with api-version as a list of keys', () => {
    expect(parseKeyVaultUri(str('ps_request_uri'))).toEqual({ vault: 'salary', objectType: 'key', objectName: null, version: null, apiVersion: '7.0', isList: true, deleted: false });
  });
  it('handles :443, versions, trailing slashes, deleted collections and case', () => {
    expect(parseKeyVaultUri('https://Salary.VAULT.azure.net:443/secrets/Confidential/86f1cb0e0b4d9a20e7b59c937595d23c?api-version=7.4')).toEqual({
      vault: 'salary', objectType: 'secret', objectName: 'Confidential', version: '86f1cb0e0b4d9a20e7b59c937595d23c', apiVersion: '7.4', isList: false, deleted: false,
    });
    expect(parseKeyVaultUri('https://audits.vault.azure.net/secrets/AuditorToken/?api-version=7.4')).toMatchObject({ objectName: 'AuditorToken', version: null });
    expect(parseKeyVaultUri('https://x.vault.azure.net/DeletedSecrets?api-version=7.4')).toMatchObject({ objectType: 'secret', isList: true, deleted: true });
    expect(parseKeyVaultUri('https://contosokeyvault.vault.azure.net/')).toMatchObject({ vault: 'contosokeyvault', objectType: null, isList: false });
    expect(parseKeyVaultUri('https://hsm1.managedhsm.azure.net/keys/k1')).toMatchObject({ vault: 'hsm1', objectType: 'key', objectName: 'k1' });
  });
  it('rejects non-vault and hostile text', () => {
    expect(parseKeyVaultUri('https://evil.example.com/keys/x')).toBeNull();
    expect(parseKeyVaultUri('https://salary.vault.azure.net.evil.com/keys/x')).toBeNull();
    expect(parseKeyVaultUri('javascript:alert(1)')).toBeNull();
    expect(parseKeyVaultUri('')).toBeNull();
    expect(parseKeyVaultUri('https://x.vault.azure.net/keys/%E0%A4%A')).toMatchObject({ objectName: '%E0%A4%A' });
  });
});

describe('parseResourceId', () => {
  const sub = str('subscription_id');
  it('parses the seed resource path, keeping original case', () => {
    expect(parseResourceId(`/SUBSCRIPTIONS/${sub.toUpperCase()}/RESOURCEGROUPS/FINANCE/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/SALARY`)).toEqual({
      subscription: sub.toUpperCase(), resourceGroup: str('resource_group'), provider: 'MICROSOFT.KEYVAULT', type: 'VAULTS', name: 'SALARY',
    });
    expect(vaultFromResource(`/SUBSCRIPTIONS/${sub}/RESOURCEGROUPS/FINANCE/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/AUDITS`)).toBe('audits');
    expect(vaultFromResource(str('key_uri'))).toBe('salary');
  });
  it('handles nested types, mixed case and non-ARM text', () => {
    expect(parseResourceId('/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v1/secrets/s')).toEqual({
      subscription: 's1', resourceGroup: 'rg', provider: 'Microsoft.KeyVault', type: 'vaults/secrets', name: 's',
    });
    expect(parseResourceId('/tenants/t/providers/Microsoft.aadiam')).toMatchObject({ provider: 'Microsoft.aadiam', type: null, name: null });
    expect(parseResourceId('/subscriptions/abc')).toMatchObject({ subscription: 'abc', resourceGroup: null });
    expect(parseResourceId('SALARY')).toBeNull();
    expect(parseResourceId('<img src=x>')).toBeNull();
    expect(vaultFromResource('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/x')).toBeNull();
  });
});

describe('sign-in vocabulary', () => {
  it('explains error codes given as numbers or text', () => {
    expect(signinError(50126)?.meaning).toMatch(/password/i);
    expect(signinError(' 50057 ')?.meaning).toMatch(/disabled/i);
    expect(signinError('0')?.meaning).toBe('Success');
    for (const c of [50053, 50055, 50074, 50076, 50079, 50140, 50158, 53003, 500121, 65001, 70044, 700016, 7000218, 90072, 16000, 50058, 50097, 530032]) {
      expect(signinError(c), String(c)).not.toBeNull();
    }
    expect(signinError(50076)?.credentialsValid).toBe(true);
    expect(signinError(50126)?.credentialsValid).toBe(false);
    expect(signinError('abc')).toBeNull();
    expect(signinError('1e3')).toBeNull();
    expect(signinError(123456)).toBeNull();
  });
  it('normalizes token types and Conditional Access status', () => {
    expect(tokenType(str('token_type'))?.type).toBe('primaryRefreshToken');
    expect(tokenType('Primary Refresh Token')?.type).toBe('primaryRefreshToken');
    expect(tokenType('SAML20')?.type).toBe('saml20');
    expect(tokenType('None')?.type).toBe('none');
    expect(tokenType('bogus')).toBeNull();
    expect(normalizeConditionalAccess('Not Applied')).toBe(str('conditional_access'));
    expect(normalizeConditionalAccess('notApplied')).toBe('notApplied');
    expect(normalizeConditionalAccess('Success')).toBe('success');
    expect(normalizeConditionalAccess('FAILURE')).toBe('failure');
    expect(normalizeConditionalAccess('maybe')).toBeNull();
  });
});
