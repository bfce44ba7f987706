// Offline enrichment: app names, client tools, Azure resource parsing, sign-in vocabulary, IP ranges and geo.

export { appName, knownApp, listKnownApps, AZURE_CLI_APP_ID, AZURE_POWERSHELL_APP_ID, GRAPH_CLI_APP_ID } from './apps';
export type { AppKind, KnownApp } from './apps';
export { classifyTool, toolFor } from './useragent';
export type { ToolFamily, ToolInfo } from './useragent';
export { parseKeyVaultUri, parseResourceId, vaultFromResource } from './azureResource';
export type { KeyVaultObjectType, KeyVaultUri, ResourceId } from './azureResource';
export { signinError, tokenType, normalizeConditionalAccess } from './signin';
export type { SigninErrorInfo, TokenTypeInfo, ConditionalAccessStatus } from './signin';
export { classifyIp, geoLookup, datasetInfo, cleanIpText } from './ip';
export type { IpClass, GeoInfo, DatasetInfo } from './ip';
