// Profiles of Entra ID sign-in exports: portal CSV/XLSX, Log Analytics tables and Graph signIns JSON (AZURE-LOGS.md §2, §3, §5).

import { col, constant, json, withTransform } from '../specs';
import type { ProfileDef } from '../types';

const SIGN_IN = constant('Sign-in');

/** Portal download, interactive and non-interactive, every header vintage (49 to 57 columns). */
export const entraSigninPortal: ProfileDef = {
  info: { id: 'entra-signin-portal', name: 'Entra ID sign-ins (portal export)', version: 1, naturalKey: ['request id'] },
  required: ['date (utc)', 'request id', 'username', 'application id', 'ip address', 'status'],
  hints: ['user agent', 'correlation id', 'user id', 'user', 'user type', 'incoming token type', 'location', 'sign-in error code',
    'failure reason', 'client app', 'conditional access', 'resource', 'resource id', 'application', 'authentication requirement',
    'autonomous system number', 'browser', 'operating system'],
  mapping: {
    time: [col('date (utc)')],
    user: [withTransform('upn-lower', 'username', 'sign-in identifier')],
    user_id: [col('user id')],
    ip: [col('ip address')],
    app_id: [col('application id')],
    app: [col('application')],
    operation: [SIGN_IN],
    result: [col('status')],
    resource: [col('resource')],
    correlation_id: [col('correlation id')],
    user_agent: [col('user agent')],
    country: [withTransform('country-from-location', 'location')],
  },
};

/** Portal "Service principal sign-ins" download (ApplicationSignIns_*.csv, single source: verify). */
export const entraSigninPortalApp: ProfileDef = {
  info: { id: 'entra-signin-portal-app', name: 'Entra ID service principal sign-ins (portal export)', version: 1, naturalKey: ['request id'] },
  required: ['date (utc)', 'request id', 'service principal id', 'application id', 'status'],
  excludes: ['username'],
  hints: ['service principal name', 'credential key id', 'credential thumbprint', 'ip address', 'location', 'resource', 'conditional access'],
  mapping: {
    time: [col('date (utc)')],
    user: [col('service principal name')],
    user_id: [col('service principal id')],
    ip: [col('ip address')],
    app_id: [col('application id')],
    app: [col('application')],
    operation: [SIGN_IN],
    result: [col('status')],
    resource: [col('resource')],
    correlation_id: [col('correlation id')],
    country: [withTransform('country-from-location', 'location')],
  },
};

const LA_SIGNIN_HINTS = ['category', 'operationname', 'conditionalaccessstatus', 'devicedetail', 'locationdetails', 'status',
  'resultdescription', 'userid', 'createddatetime', 'timegenerated', 'type', 'authenticationrequirement', 'clientappused',
  'correlationid', 'useragent', 'resourcedisplayname', 'userdisplayname', 'isinteractive', 'tokenissuertype'];

function laSigninMapping(): ProfileDef['mapping'] {
  return {
    time: [col('timegenerated', 'createddatetime')],
    user: [withTransform('upn-lower', 'userprincipalname')],
    user_id: [col('userid')],
    ip: [col('ipaddress')],
    app_id: [col('appid')],
    app: [col('appdisplayname')],
    operation: [SIGN_IN],
    result: [withTransform('signin-result', 'resulttype'), json('status', 'errorCode', 'signin-result')],
    resource: [col('resourcedisplayname')],
    correlation_id: [col('correlationid')],
    user_agent: [col('useragent')],
    country: [json('locationdetails', 'countryOrRegion'), withTransform('country-from-location', 'location')],
  };
}

/** Log Analytics SigninLogs (interactive) export: `[UTC]` time headers, `_dynamic`/`_string` pairs. */
export const laSigninLogs: ProfileDef = {
  info: { id: 'la-signinlogs', name: 'Entra ID sign-ins (Log Analytics SigninLogs)', version: 1, naturalKey: ['id'] },
  required: ['userprincipalname', 'appid', 'ipaddress', 'resulttype'],
  excludes: ['clientsessionid', 'signineventtypes', 'processingtimeinms'],
  hints: LA_SIGNIN_HINTS,
  mapping: laSigninMapping(),
};

/** Log Analytics AADNonInteractiveUserSignInLogs: same family, JSON columns as strings, ClientSessionId etc. */
export const laNonInteractiveSignins: ProfileDef = {
  info: { id: 'la-noninteractive-signins', name: 'Entra ID non-interactive sign-ins (Log Analytics)', version: 1, naturalKey: ['id'] },
  required: ['userprincipalname', 'appid', 'ipaddress', 'resulttype'],
  anyOf: [['clientsessionid', 'signineventtypes', 'processingtimeinms']],
  hints: LA_SIGNIN_HINTS,
  mapping: laSigninMapping(),
};

/** Log Analytics AADServicePrincipalSignInLogs / AADManagedIdentitySignInLogs: no user columns. */
export const laServicePrincipalSignins: ProfileDef = {
  info: { id: 'la-serviceprincipal-signins', name: 'Entra ID service principal / managed identity sign-ins (Log Analytics)', version: 1, naturalKey: ['id'] },
  required: ['serviceprincipalid', 'serviceprincipalname', 'appid', 'resulttype'],
  excludes: ['userprincipalname'],
  hints: ['ipaddress', 'serviceprincipalcredentialkeyid', 'serviceprincipalcredentialthumbprint', 'federatedcredentialid', 'resourcedisplayname',
    'locationdetails', 'correlationid', 'category', 'conditionalaccessstatus'],
  mapping: {
    time: [col('timegenerated', 'createddatetime')],
    user: [col('serviceprincipalname')],
    user_id: [col('serviceprincipalid')],
    ip: [col('ipaddress')],
    app_id: [col('appid')],
    operation: [SIGN_IN],
    result: [withTransform('signin-result', 'resulttype')],
    resource: [col('resourcedisplayname')],
    correlation_id: [col('correlationid')],
    user_agent: [col('useragent')],
    country: [json('locationdetails', 'countryOrRegion'), withTransform('country-from-location', 'location')],
  },
};

/** Graph `auditLogs/signIns` JSON (and portal JSON download), nested objects flattened to dot paths. */
export const graphSignins: ProfileDef = {
  info: { id: 'graph-signins', name: 'Entra ID sign-ins (Graph / portal JSON)', version: 1, naturalKey: ['id'] },
  required: ['createddatetime', 'userprincipalname', 'appid', 'ipaddress'],
  excludes: ['resulttype', 'category', 'operationname'],
  hints: ['status.errorcode', 'location.countryorregion', 'devicedetail.browser', 'useragent', 'correlationid', 'appdisplayname',
    'conditionalaccessstatus', 'userid', 'resourcedisplayname', 'incomingtokentype', 'isinteractive', 'status', 'location'],
  mapping: {
    time: [col('createddatetime')],
    user: [withTransform('upn-lower', 'userprincipalname')],
    user_id: [col('userid')],
    ip: [col('ipaddress')],
    app_id: [col('appid')],
    app: [col('appdisplayname')],
    operation: [SIGN_IN],
    result: [withTransform('signin-result', 'status.errorcode'), json('status', 'errorCode', 'signin-result')],
    resource: [col('resourcedisplayname')],
    correlation_id: [col('correlationid')],
    user_agent: [col('useragent')],
    country: [col('location.countryorregion'), json('location', 'countryOrRegion')],
  },
};

export const SIGNIN_PROFILES: readonly ProfileDef[] = [
  entraSigninPortal, entraSigninPortalApp, laSigninLogs, laNonInteractiveSignins, laServicePrincipalSignins, graphSignins,
];
