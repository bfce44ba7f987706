// Profiles of Key Vault audit logs: AzureDiagnostics export, AZKVAuditLogs and the raw `records[]` JSON (AZURE-LOGS.md §4).

import { col, json } from '../specs';
import type { ProfileDef } from '../types';

const UPN_CLAIM_LONG = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const OID_CLAIM_LONG = 'http://schemas.microsoft.com/identity/claims/objectidentifier';

/** Legacy "Azure diagnostics" mode: claims flattened to `identity_claim_<x>_<type>`, properties to `<x>_<type>`. */
export const kvAzureDiagnostics: ProfileDef = {
  info: { id: 'kv-azurediagnostics', name: 'Key Vault audit (Log Analytics AzureDiagnostics)', version: 1 },
  required: ['operationname', 'calleripaddress', 'resourceid'],
  anyOf: [['identity_claim_appid_g', 'clientinfo_s', 'requesturi_s', 'id_s', 'httpstatuscode_d']],
  hints: ['timegenerated', 'resultsignature', 'resulttype', 'correlationid', 'resource', 'resourceprovider', 'category',
    'identity_claim_upn_s', 'identity_claim_oid_g', 'identity_claim_http_schemas_xmlsoap_org_ws_2005_05_identity_claims_upn_s',
    'isaccesspolicymatch_b', 'isrbacauthorized_b', 'durationms', 'subscriptionid', 'resourcegroup'],
  mapping: {
    time: [col('timegenerated')],
    user: [{
      columns: ['identity_claim_upn_s', 'identity_claim_http_schemas_xmlsoap_org_ws_2005_05_identity_claims_upn_s', 'identity_claim_unique_name_s'],
      transform: 'upn-lower',
    }],
    user_id: [col('identity_claim_oid_g', 'identity_claim_http_schemas_microsoft_com_identity_claims_objectidentifier_g')],
    ip: [col('calleripaddress')],
    app_id: [col('identity_claim_appid_g')],
    operation: [col('operationname')],
    result: [col('resultsignature', 'resulttype')],
    resource: [col('resourceid', '_resourceid', 'resource')],
    correlation_id: [col('correlationid')],
    user_agent: [col('clientinfo_s')],
  },
};

/** Resource-specific mode table AZKVAuditLogs: Identity is a dynamic `{"claim":{…}}`. */
export const kvAzkvAuditLogs: ProfileDef = {
  info: { id: 'kv-azkvauditlogs', name: 'Key Vault audit (Log Analytics AZKVAuditLogs)', version: 1 },
  required: ['operationname', 'calleripaddress', 'clientinfo', 'requesturi', 'identity'],
  hints: ['timegenerated', 'resultsignature', 'resulttype', 'correlationid', '_resourceid', 'httpstatuscode', 'isrbacauthorized',
    'isaccesspolicymatch', 'id', 'durationms', 'tlsversion', 'type'],
  mapping: {
    time: [col('timegenerated')],
    user: [{ columns: ['identity'], jsonPath: 'claim.upn', transform: 'upn-lower' }, json('identity', `claim.${UPN_CLAIM_LONG}`, 'upn-lower'),
      json('identity', 'claim.unique_name', 'upn-lower')],
    user_id: [json('identity', 'claim.oid'), json('identity', `claim.${OID_CLAIM_LONG}`)],
    ip: [col('calleripaddress')],
    app_id: [json('identity', 'claim.appid')],
    operation: [col('operationname')],
    result: [col('resultsignature', 'resulttype')],
    resource: [col('_resourceid', 'resourceid')],
    correlation_id: [col('correlationid')],
    user_agent: [col('clientinfo')],
  },
};

/** Diagnostic-settings resource log (`insights-logs-auditevent` PT1H.json, Event Hub), records flattened to dot paths. */
export const kvRawRecords: ProfileDef = {
  info: { id: 'kv-raw-records', name: 'Key Vault audit (resource log JSON records)', version: 1 },
  required: ['time', 'resourceid', 'operationname', 'calleripaddress'],
  anyOf: [['properties.clientinfo', 'properties.requesturi', 'identity.claim.appid', `identity.claim.${UPN_CLAIM_LONG}`, 'properties']],
  hints: ['category', 'resulttype', 'resultsignature', 'correlationid', 'durationms', 'operationversion', 'properties.id',
    'properties.httpstatuscode', 'identity.claim.upn', 'identity.claim.oid'],
  mapping: {
    time: [col('time')],
    user: [{ columns: ['identity.claim.upn', `identity.claim.${UPN_CLAIM_LONG}`, 'identity.claim.unique_name'], transform: 'upn-lower' },
      { columns: ['identity'], jsonPath: 'claim.upn', transform: 'upn-lower' }, json('identity', `claim.${UPN_CLAIM_LONG}`, 'upn-lower'),
      { columns: [], jsonPath: `identity.claim.${UPN_CLAIM_LONG}`, transform: 'upn-lower' }],
    user_id: [col('identity.claim.oid', `identity.claim.${OID_CLAIM_LONG}`), json('identity', 'claim.oid'),
      json('identity', `claim.${OID_CLAIM_LONG}`), { columns: [], jsonPath: `identity.claim.${OID_CLAIM_LONG}` }],
    ip: [col('calleripaddress')],
    app_id: [col('identity.claim.appid'), json('identity', 'claim.appid'), { columns: [], jsonPath: 'identity.claim.appid' }],
    operation: [col('operationname')],
    result: [col('resultsignature', 'resulttype')],
    resource: [col('resourceid')],
    correlation_id: [col('correlationid')],
    user_agent: [col('properties.clientinfo'), json('properties', 'clientInfo'), { columns: [], jsonPath: 'properties.clientInfo' }],
  },
};

export const KEYVAULT_PROFILES: readonly ProfileDef[] = [kvAzureDiagnostics, kvAzkvAuditLogs, kvRawRecords];
