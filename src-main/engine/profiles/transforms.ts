// Value transforms a FieldSpec may ask for (country from a Location text, vault from a resource, UPN case, sign-in result).

import { vaultFromResource } from '../enrich/azureResource';
import type { FieldTransform } from './types';

/** `Melbourne, Victoria, AU` → `AU`; a bare two-letter code passes; anything else → null. */
export function countryFromLocation(text: string): string | null {
  const last = text.slice(text.lastIndexOf(',') + 1).trim();
  return /^[A-Za-z]{2}$/.test(last) ? last.toUpperCase() : null;
}

/** Sign-in error code → portal wording: 0 → Success, other codes → Failure; text (e.g. `Success`) passes. */
export function signinResult(text: string): string {
  const t = text.trim();
  if (/^\d{1,9}$/.test(t)) return Number(t) === 0 ? 'Success' : 'Failure';
  return t;
}

export function applyTransform(transform: FieldTransform, text: string): string | null {
  switch (transform) {
    case 'country-from-location':
      return countryFromLocation(text);
    case 'vault-from-resource':
      return vaultFromResource(text);
    case 'upn-lower':
      return text.trim().toLowerCase();
    case 'signin-result':
      return signinResult(text);
  }
}
