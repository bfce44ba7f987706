// Profiles of Microsoft 365 audit: Purview / PowerShell UAL exports (AuditData JSON) and LA OfficeActivity (AZURE-LOGS.md §6).

import { col, json } from '../specs';
import type { ProfileDef } from '../types';

/** Purview export (`RecordId, CreationDate, RecordType, Operation, UserId, AuditData, …`) and classic Search-UnifiedAuditLog CSVs. */
export const m365UalPurview: ProfileDef = {
  info: { id: 'm365-ual', name: 'Microsoft 365 unified audit log (Purview / PowerShell export)', version: 1, naturalKey: ['recordid'] },
  required: ['creationdate', 'auditdata'],
  anyOf: [['operation', 'operations'], ['userid', 'userids']],
  hints: ['recordid', 'recordtype', 'associatedadminunits', 'associatedadminunitsnames', 'resultindex', 'resultcount', 'identity'],
  mapping: {
    time: [col('creationdate'), json('auditdata', 'CreationTime')],
    user: [{ columns: ['userid', 'userids'], transform: 'upn-lower' }, json('auditdata', 'UserId', 'upn-lower')],
    user_id: [json('auditdata', 'UserKey')],
    ip: [json('auditdata', 'ClientIP'), json('auditdata', 'ClientIPAddress'), json('auditdata', 'ActorIpAddress')],
    app_id: [json('auditdata', 'AppId'), json('auditdata', 'ApplicationId'), json('auditdata', 'ClientAppId')],
    operation: [col('operation', 'operations'), json('auditdata', 'Operation')],
    result: [json('auditdata', 'ResultStatus')],
    resource: [json('auditdata', 'ObjectId')],
    correlation_id: [json('auditdata', 'CorrelationId')],
    user_agent: [json('auditdata', 'UserAgent'), json('auditdata', 'ClientInfoString')],
  },
};

/** LA OfficeActivity (CSV export or JSON rows): AuditData flattened into ~140 columns. */
export const laOfficeActivity: ProfileDef = {
  info: { id: 'la-officeactivity', name: 'Microsoft 365 audit (Log Analytics OfficeActivity)', version: 1, naturalKey: ['officeid'] },
  required: ['officeworkload', 'operation', 'userid', 'recordtype'],
  hints: ['clientip', 'client_ipaddress', 'resultstatus', 'officeobjectid', 'mailboxownerupn', 'type', 'organizationid', 'usertype',
    'userkey', 'officeid', 'sourcerecordid', 'timegenerated', 'clientinfostring', 'useragent', 'logon_type'],
  mapping: {
    time: [col('timegenerated', 'creationtime', 'start_time', 'elevationtime')],
    user: [{ columns: ['userid', 'userid_', 'mailboxownerupn'], transform: 'upn-lower' }],
    ip: [col('clientip', 'client_ipaddress', 'actoripaddress', 'clientip_')],
    app_id: [col('appid', 'clientappid', 'azureadappid')],
    operation: [col('operation')],
    result: [col('resultstatus')],
    resource: [col('officeobjectid')],
    user_agent: [col('useragent', 'clientinfostring')],
  },
};

export const M365_PROFILES: readonly ProfileDef[] = [m365UalPurview, laOfficeActivity];
