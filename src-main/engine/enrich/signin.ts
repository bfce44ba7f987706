// Entra ID sign-in vocabulary: error codes, incoming token types and Conditional Access status.

export interface SigninErrorInfo {
  code: number;
  meaning: string;
  /** true when the code means the password (first factor) was correct but something else stopped the sign-in */
  credentialsValid: boolean;
}

// Meanings from Microsoft Learn "Microsoft Entra authentication and authorization error codes"
// (learn.microsoft.com/entra/identity-platform/reference-error-codes), shortened.
const ERRORS: ReadonlyArray<readonly [number, string, boolean]> = [
  [0, 'Success', true],
  [16000, 'Account selection required: several accounts signed in in the session (interrupt)', false],
  [50053, 'Account locked (Smart Lockout) or sign-in blocked from a malicious IP', false],
  [50055, 'Password expired', true],
  [50057, 'User account is disabled', false],
  [50058, 'Silent sign-in failed: no session information (interrupt)', false],
  [50072, 'User must enrol for MFA (interrupt)', true],
  [50074, 'Strong authentication (MFA) required (interrupt)', true],
  [50076, 'MFA required by policy or location: password was correct', true],
  [50079, 'User must register for MFA (interrupt)', true],
  [50097, 'Device authentication required', true],
  [50125, 'Sign-in interrupted by password reset or registration entry', true],
  [50126, 'Invalid username or password', false],
  [50140, 'Keep me signed in interrupt', true],
  [50155, 'Device authentication failed', false],
  [50158, 'External security challenge (e.g. third-party MFA) not satisfied', true],
  [50173, 'Fresh auth token needed: grant expired or revoked (password change)', false],
  [51004, 'User account not in directory', false],
  [53000, 'Device not compliant: Conditional Access requires a compliant device', true],
  [53003, 'Access blocked by Conditional Access policy', true],
  [53004, 'User must complete MFA registration (proof-up) before access', true],
  [65001, 'User or admin has not consented to the application', true],
  [70008, 'Authorization code or refresh token expired or already used', false],
  [70043, 'Refresh token expired or invalid due to sign-in frequency checks', false],
  [70044, 'Session expired or invalid due to sign-in frequency checks', false],
  [81010, 'Seamless SSO failed: Kerberos ticket expired or invalid', false],
  [90072, 'User account does not exist in the tenant: must be added as an external user', false],
  [500121, 'Strong authentication request failed (MFA denied or not completed)', true],
  [530032, 'Blocked by security defaults / tenant security policy', true],
  [700016, 'Application not found in the directory (wrong app id or tenant)', false],
  [7000218, 'Request body must contain client_assertion or client_secret (public client flow attempted)', false],
  [7000215, 'Invalid client secret provided', false],
];

const ERROR_BY_CODE: ReadonlyMap<number, SigninErrorInfo> = new Map(
  ERRORS.map(([code, meaning, credentialsValid]) => [code, { code, meaning, credentialsValid }]),
);

/** Meaning of a sign-in error code given as number or text ("50126", " 0 "); null if unknown or not a code. */
export function signinError(code: number | string | null | undefined): SigninErrorInfo | null {
  if (code == null) return null;
  const text = String(code).trim();
  if (!/^\d{1,9}$/.test(text)) return null;
  return ERROR_BY_CODE.get(Number(text)) ?? null;
}

export interface TokenTypeInfo {
  type: string;
  why: string;
}

// Enum values of signIn.incomingTokenType (Microsoft Graph signIn resource, beta) with investigative notes.
const TOKEN_TYPES: readonly TokenTypeInfo[] = [
  { type: 'none', why: 'Fresh authentication, no token presented.' },
  { type: 'primaryRefreshToken', why: 'Sign-in with a device PRT: a stolen PRT (pass-the-PRT) gives the user\'s SSO without a password or MFA prompt.' },
  { type: 'refreshToken', why: 'Refresh-token redemption: replayed stolen refresh tokens look like this.' },
  { type: 'saml11', why: 'SAML 1.1 token from a federated IdP: a forged token (Golden SAML) arrives this way.' },
  { type: 'saml20', why: 'SAML 2.0 token from a federated IdP: a forged token (Golden SAML) arrives this way.' },
  { type: 'remoteDesktopToken', why: 'Token from a remote desktop / RDP sign-in.' },
  { type: 'unknownFutureValue', why: 'Value added after this table was written.' },
];

const TOKEN_BY_KEY: ReadonlyMap<string, TokenTypeInfo> = new Map(
  TOKEN_TYPES.map((t) => [t.type.toLowerCase(), t]),
);
// Display texts seen in exports and docs ("Primary Refresh Token", "Refresh token").
const TOKEN_ALIASES: Record<string, string> = {
  'primary refresh token': 'primaryRefreshToken',
  prt: 'primaryRefreshToken',
  'refresh token': 'refreshToken',
  'saml 1.1': 'saml11',
  'saml 2.0': 'saml20',
  'remote desktop token': 'remoteDesktopToken',
};

/** Normalizes an incoming token type text (enum or display form) and explains it; null when unknown or empty. */
export function tokenType(text: string | null | undefined): TokenTypeInfo | null {
  if (!text) return null;
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const alias = TOKEN_ALIASES[key];
  return TOKEN_BY_KEY.get((alias ?? key).toLowerCase()) ?? TOKEN_BY_KEY.get(key.replace(/ /g, '')) ?? null;
}

export type ConditionalAccessStatus = 'success' | 'failure' | 'notApplied' | 'unknownFutureValue';

/** `Not Applied` / `notApplied` / `not_applied` → 'notApplied' etc.; null when not a CA status. */
export function normalizeConditionalAccess(text: string | null | undefined): ConditionalAccessStatus | null {
  if (!text) return null;
  const key = text.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (key === 'success' || key === 'succeeded') return 'success';
  if (key === 'failure' || key === 'failed') return 'failure';
  if (key === 'notapplied') return 'notApplied';
  if (key === 'unknownfuturevalue') return 'unknownFutureValue';
  return null;
}
