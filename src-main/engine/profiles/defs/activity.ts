// Profiles of Azure Activity logs: Log Analytics AzureActivity, portal CSV and raw JSON (AZURE-LOGS.md §6).

import { col, json } from '../specs';
import type { ProfileDef } from '../types';

const OID_CLAIM_LONG = 'http://schemas.microsoft.com/identity/claims/objectidentifier';

/** LA AzureActivity export; `OperationNameValue` fills in when `OperationName` is empty, JSON in Claims/Claims_d. */
export const laAzureActivity: ProfileDef = {
  info: { id: 'la-azureactivity', name: 'Azure Activity (Log Analytics AzureActivity)', version: 1, naturalKey: ['eventdataid'] },
  required: ['caller', 'calleripaddress', 'correlationid'],
  anyOf: [['operationname', 'operationnamevalue'], ['resourceid', '_resourceid', 'resourcegroup']],
  hints: ['activitystatus', 'activitystatusvalue', 'eventsubmissiontimestamp', 'resourceprovider', 'resourceprovidervalue',
    'httprequest', 'authorization', 'claims', 'eventdataid', 'subscriptionid', 'category', 'categoryvalue', 'operationid',
    'timegenerated', 'properties', 'level', 'hierarchy'],
  mapping: {
    time: [col('timegenerated', 'eventsubmissiontimestamp')],
    user: [col('caller')],
    user_id: [json('claims', OID_CLAIM_LONG)],
    ip: [col('calleripaddress')],
    app_id: [json('claims', 'appid')],
    operation: [col('operationname', 'operationnamevalue')],
    result: [col('activitystatusvalue', 'activitystatus')],
    resource: [col('resourceid', '_resourceid')],
    correlation_id: [col('correlationid')],
  },
};

/** Portal Activity log "Download as CSV" (medium confidence header). */
export const azureActivityPortal: ProfileDef = {
  info: { id: 'azure-activity-portal', name: 'Azure Activity (portal CSV)', version: 1 },
  required: ['correlation id', 'operation name', 'status', 'event initiated by', 'time'],
  hints: ['event category', 'level', 'subscription', 'resource type', 'resource group', 'resource'],
  mapping: {
    time: [col('time')],
    user: [col('event initiated by')],
    operation: [col('operation name')],
    result: [col('status')],
    resource: [col('resource')],
    correlation_id: [col('correlation id')],
  },
};

/** Raw Activity log JSON (portal "Download JSON", Extractor-Suite ActivityLog.json), flattened to dot paths. */
export const azureActivityJson: ProfileDef = {
  info: { id: 'azure-activity-json', name: 'Azure Activity (JSON)', version: 1, naturalKey: ['eventdataid'] },
  required: ['caller', 'eventtimestamp', 'correlationid'],
  anyOf: [['operationname.value', 'operationname']],
  hints: ['claims.appid', 'claims.ipaddr', 'httprequest.clientipaddress', 'resourceid', 'status.value', 'eventdataid', 'submissiontimestamp'],
  mapping: {
    time: [col('eventtimestamp', 'submissiontimestamp')],
    user: [col('caller')],
    user_id: [col(`claims.${OID_CLAIM_LONG}`)],
    ip: [col('httprequest.clientipaddress', 'claims.ipaddr')],
    app_id: [col('claims.appid')],
    operation: [col('operationname.value', 'operationname')],
    result: [col('status.value', 'status')],
    resource: [col('resourceid')],
    correlation_id: [col('correlationid')],
  },
};

export const ACTIVITY_PROFILES: readonly ProfileDef[] = [laAzureActivity, azureActivityPortal, azureActivityJson];
