// AzureDiagnostics Key Vault columns as a Log Analytics export shows them, and one record's cells.
import type { Cell } from './signin-columns';
import { SUBSCRIPTION_ID, TENANT_ID } from './scenario';
import { laTimestamp } from './time-format';

export const KV_HEADERS: readonly string[] = [
  'TenantId', 'TimeGenerated [UTC]', 'ResourceId', 'Category', 'ResourceGroup', 'SubscriptionId',
  'ResourceProvider', 'Resource', 'ResourceType', 'OperationName', 'ResultType', 'CorrelationId',
  'ResultSignature', 'DurationMs', 'CallerIPAddress', 'OperationVersion', 'identity_claim_oid_g',
  'identity_claim_appid_g', 'identity_claim_http_schemas_microsoft_com_identity_claims_scope_s',
  'identity_claim_upn_s', 'identity_claim_ipaddr_s', 'identity_claim_unique_name_s', 'requestUri_s', 'id_s',
  'clientInfo_s', 'httpStatusCode_d', 'isAccessPolicyMatch_b', 'isRbacAuthorized_b', 'SourceSystem', 'Type',
  '_ResourceId',
];

export interface KvRecord {
  utcMs: number;
  resourceGroup: string;
  vault: string;
  operation: string;
  authorized: boolean;
  correlationId: string;
  durationMs: number;
  callerIp: string;
  operationVersion: string;
  objectId: string;
  appId: string;
  /** Empty for an application identity (no user behind the token). */
  upn: string;
  requestUri: string;
  objectUri: string;
  clientInfo: string;
}

export function vaultResourceId(resourceGroup: string, vault: string): string {
  return `/SUBSCRIPTIONS/${SUBSCRIPTION_ID.toUpperCase()}/RESOURCEGROUPS/${resourceGroup}/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/${vault}`;
}

const orEmpty = (text: string): string | null => (text === '' ? null : text);

export function kvCells(r: KvRecord): Cell[] {
  const resourceId = vaultResourceId(r.resourceGroup, r.vault);
  const user = r.upn !== '';
  return [
    TENANT_ID, laTimestamp(r.utcMs), resourceId, 'AuditEvent', r.resourceGroup, SUBSCRIPTION_ID,
    'MICROSOFT.KEYVAULT', r.vault, 'VAULTS', r.operation, r.authorized ? 'Success' : 'Unauthorized', r.correlationId,
    r.authorized ? 'OK' : 'Unauthorized', r.durationMs, r.callerIp, r.operationVersion, r.objectId,
    r.appId, user ? 'user_impersonation' : null,
    orEmpty(r.upn), user ? r.callerIp : null, orEmpty(r.upn), r.requestUri, orEmpty(r.objectUri),
    r.clientInfo, r.authorized ? 200 : 401, r.authorized ? 'True' : null, null, 'Azure', 'AzureDiagnostics',
    resourceId,
  ];
}
