// Small parsers for Azure resource IDs and Key Vault request URIs found in cited cells (kept local to stay independent of enrich/).

export interface ResourceIdParts {
  subscription: string;
  resourceGroup: string | null;
  vault: string | null;
}

export interface VaultUriParts {
  /** The URI as it appears, up to the first whitespace. */
  uri: string;
  vault: string;
  kind: 'key' | 'secret' | 'certificate' | null;
  /** Object name (e.g. 'Payroll'), null for a collection request such as /keys?api-version=7.0. */
  name: string | null;
}

const RESOURCE_ID =
  /\/SUBSCRIPTIONS\/([^/\s]+)(?:\/RESOURCEGROUPS\/([^/\s]+)(?:\/PROVIDERS\/MICROSOFT\.KEYVAULT\/VAULTS\/([^/\s?#]+))?)?/gi;

const VAULT_URI = /https?:\/\/([a-z0-9-]{1,64})\.vault\.azure\.net(?::\d{1,5})?(\/[^\s"'<>]*)?/gi;

/** Every Azure resource ID inside a text (case-insensitive, as Azure exports upper-case them). */
export function findResourceIds(text: string): ResourceIdParts[] {
  const out: ResourceIdParts[] = [];
  for (const m of text.matchAll(RESOURCE_ID)) {
    const subscription = m[1];
    if (subscription === undefined) continue;
    out.push({ subscription, resourceGroup: m[2] ?? null, vault: m[3] ?? null });
  }
  return out;
}

const KIND: Record<string, VaultUriParts['kind']> = { keys: 'key', secrets: 'secret', certificates: 'certificate' };

/** Every Key Vault data-plane URI inside a text, with the object kind and name when the path names one. */
export function findVaultUris(text: string): VaultUriParts[] {
  const out: VaultUriParts[] = [];
  for (const m of text.matchAll(VAULT_URI)) {
    const vault = m[1];
    if (vault === undefined) continue;
    const path = (m[2] ?? '').split(/[?#]/, 1)[0] ?? '';
    const segments = path.split('/').filter((s) => s.length > 0);
    const kind = KIND[(segments[0] ?? '').toLowerCase()] ?? null;
    const name = kind !== null && segments[1] !== undefined ? safeDecode(segments[1]) : null;
    out.push({ uri: m[0], vault, kind, name });
  }
  return out;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
