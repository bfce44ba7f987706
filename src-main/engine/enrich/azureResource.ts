// Parses Key Vault data-plane URIs and Azure Resource Manager resource ids into their parts.

export type KeyVaultObjectType = 'key' | 'secret' | 'certificate';

export interface KeyVaultUri {
  vault: string;
  objectType: KeyVaultObjectType | null;
  objectName: string | null;
  version: string | null;
  apiVersion: string | null;
  /** true for collection URIs such as `/keys?api-version=7.0` (a list of keys, no object named). */
  isList: boolean;
  /** true for the soft-deleted collections (`/deletedkeys`, `/deletedsecrets`, `/deletedcertificates`). */
  deleted: boolean;
}

// Collection segments from the Key Vault REST API reference (learn.microsoft.com/rest/api/keyvault).
const COLLECTIONS: Record<string, { type: KeyVaultObjectType; deleted: boolean }> = {
  keys: { type: 'key', deleted: false },
  secrets: { type: 'secret', deleted: false },
  certificates: { type: 'certificate', deleted: false },
  deletedkeys: { type: 'key', deleted: true },
  deletedsecrets: { type: 'secret', deleted: true },
  deletedcertificates: { type: 'certificate', deleted: true },
};

// Vault hosts for public and sovereign clouds (vault.azure.net, vault.azure.cn, vault.usgovcloudapi.net,
// vault.microsoftazure.de) and Managed HSM (managedhsm.azure.net).
const VAULT_HOST = /^([a-z0-9-]{1,64})\.(?:vault|managedhsm)\.(?:azure\.net|azure\.cn|usgovcloudapi\.net|microsoftazure\.de)$/i;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Parses `https://<vault>.vault.azure.net[:443]/<collection>[/<name>[/<version>]][?api-version=…]`; null if not a vault URI. */
export function parseKeyVaultUri(uri: string | null | undefined): KeyVaultUri | null {
  if (!uri) return null;
  const m = /^\s*https?:\/\/([^/:?#\s]+)(?::\d{1,5})?(\/[^?#\s]*)?(?:\?([^#\s]*))?/i.exec(uri);
  if (!m?.[1]) return null;
  const host = VAULT_HOST.exec(m[1]);
  if (!host?.[1]) return null;
  const segments = (m[2] ?? '').split('/').filter((s) => s !== '');
  let apiVersion: string | null = null;
  for (const pair of (m[3] ?? '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).toLowerCase() === 'api-version') apiVersion = decode(pair.slice(eq + 1)) || null;
  }
  const collection = segments[0] ? COLLECTIONS[segments[0].toLowerCase()] : undefined;
  const objectName = segments[1] ? decode(segments[1]) : null;
  return {
    vault: host[1].toLowerCase(),
    objectType: collection?.type ?? null,
    objectName: collection ? objectName : null,
    version: collection && segments[2] ? decode(segments[2]) : null,
    apiVersion,
    isList: collection !== undefined && objectName === null,
    deleted: collection?.deleted ?? false,
  };
}

export interface ResourceId {
  subscription: string | null;
  resourceGroup: string | null;
  provider: string | null;
  /** resource type under the provider, nested types joined with '/', e.g. `vaults` or `vaults/secrets` */
  type: string | null;
  /** last resource name in the id, e.g. the vault name */
  name: string | null;
}

/** Parses an ARM resource id (`/subscriptions/…/resourceGroups/…/providers/<ns>/<type>/<name>[/<type>/<name>]`), any case. */
export function parseResourceId(id: string | null | undefined): ResourceId | null {
  if (!id) return null;
  const parts = id.trim().split('/').filter((s) => s !== '');
  if (parts.length < 2) return null;
  const out: ResourceId = { subscription: null, resourceGroup: null, provider: null, type: null, name: null };
  let i = 0;
  let recognized = false;
  while (i < parts.length) {
    const key = (parts[i] ?? '').toLowerCase();
    const value = parts[i + 1] ?? null;
    if (key === 'subscriptions' && out.subscription === null) {
      out.subscription = value;
      recognized = true;
      i += 2;
    } else if (key === 'resourcegroups' && out.resourceGroup === null) {
      out.resourceGroup = value;
      recognized = true;
      i += 2;
    } else if (key === 'providers' && value !== null) {
      out.provider = value;
      recognized = true;
      const rest = parts.slice(i + 2);
      const types: string[] = [];
      for (let j = 0; j < rest.length; j += 2) {
        const t = rest[j];
        if (t !== undefined) types.push(t);
        const n = rest[j + 1];
        if (n !== undefined) out.name = n;
      }
      out.type = types.length ? types.join('/') : null;
      break;
    } else {
      i += 1;
    }
  }
  return recognized ? out : null;
}

/** Vault name (lower case) from a Key Vault resource id or vault URI, else null. */
export function vaultFromResource(text: string | null | undefined): string | null {
  if (!text) return null;
  const uri = parseKeyVaultUri(text);
  if (uri) return uri.vault;
  const rid = parseResourceId(text);
  if (rid?.provider?.toLowerCase() === 'microsoft.keyvault' && rid.type?.toLowerCase().startsWith('vaults') && rid.name) {
    const parts = text.split('/').filter((s) => s !== '');
    const at = parts.findIndex((p) => p.toLowerCase() === 'vaults');
    return (parts[at + 1] ?? rid.name).toLowerCase();
  }
  return null;
}
