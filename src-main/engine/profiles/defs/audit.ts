// Profiles of Entra ID audit logs: portal CSV, Log Analytics AuditLogs (CSV or JSON lines) (AZURE-LOGS.md §6).

import { col, json } from '../specs';
import type { ProfileDef } from '../types';

/** Portal audit download (86 columns: actor, Target1..3, AdditionalDetail1..6). */
export const entraAuditPortal: ProfileDef = {
  info: { id: 'entra-audit-portal', name: 'Entra ID audit logs (portal export)', version: 1 },
  required: ['date (utc)', 'correlationid', 'activity', 'result', 'actortype'],
  hints: ['service', 'category', 'resultreason', 'user agent', 'actordisplayname', 'actorobjectid', 'actoruserprincipalname',
    'ipaddress', 'actorserviceprincipalid', 'actorserviceprincipalname', 'target1type', 'target1displayname'],
  mapping: {
    time: [col('date (utc)')],
    user: [{ columns: ['actoruserprincipalname'], transform: 'upn-lower' }],
    user_id: [col('actorobjectid', 'actorserviceprincipalid')],
    ip: [col('ipaddress')],
    app: [col('actorserviceprincipalname')],
    operation: [col('activity')],
    result: [col('result')],
    resource: [col('target1userprincipalname', 'target1displayname')],
    correlation_id: [col('correlationid')],
    user_agent: [col('user agent')],
  },
};

/** LA AuditLogs rows (query export CSV or JSON lines): InitiatedBy / TargetResources hold JSON. */
export const laAuditLogs: ProfileDef = {
  info: { id: 'la-auditlogs', name: 'Entra ID audit logs (Log Analytics AuditLogs)', version: 1, naturalKey: ['id'] },
  required: ['operationname', 'initiatedby', 'targetresources'],
  anyOf: [['loggedbyservice', 'activitydisplayname', 'aadoperationtype']],
  hints: ['timegenerated', 'activitydatetime', 'category', 'correlationid', 'result', 'resultreason', 'additionaldetails', 'id',
    'aadtenantid', 'type', 'useragent'],
  mapping: {
    time: [col('timegenerated', 'activitydatetime')],
    user: [{ columns: ['initiatedby'], jsonPath: 'user.userPrincipalName', transform: 'upn-lower' },
      { columns: ['initiatinguserorapp'], transform: 'upn-lower' }],
    user_id: [json('initiatedby', 'user.id'), json('initiatedby', 'app.servicePrincipalId')],
    ip: [json('initiatedby', 'user.ipAddress'), col('initiatingipaddress'), json('initiatedby', 'app.ipAddress')],
    app_id: [json('initiatedby', 'app.appId')],
    app: [json('initiatedby', 'app.displayName')],
    operation: [col('operationname', 'activitydisplayname')],
    result: [col('result')],
    resource: [json('targetresources', '0.userPrincipalName'), json('targetresources', '0.displayName'), col('targetdisplayname')],
    correlation_id: [col('correlationid')],
    user_agent: [col('useragent'), json('additionaldetails', '0.value')],
  },
};

export const AUDIT_PROFILES: readonly ProfileDef[] = [entraAuditPortal, laAuditLogs];
