// Sign-in-only facts (token type, Conditional Access, authentication requirement, MFA, error code, ASN) read from a source's own columns.
import { findColumn, listColumns, type CatalogColumn } from '../case/catalog';
import type { ReadableDB } from '../db/types';
import { ident, sourceTable } from '../db/sql';
import { normalizeConditionalAccess, tokenType } from '../enrich';

export interface SigninFacts {
  tokenType: string | null;
  conditionalAccess: string | null;
  /** 'singleFactorAuthentication' | 'multiFactorAuthentication' | null */
  authRequirement: string | null;
  /** true when the row says MFA was completed or satisfied for this sign-in */
  mfaSatisfied: boolean;
  errorCode: string | null;
  asn: string | null;
}

type Fact = 'token' | 'ca' | 'authReq' | 'mfa' | 'error' | 'asn';

// Portal headers, Log Analytics names and Graph dot paths (AZURE-LOGS.md §2, §3, §5), tried in order.
const NAMES: Record<Fact, readonly string[]> = {
  token: ['incoming token type', 'incomingtokentype'],
  ca: ['conditional access', 'conditionalaccessstatus'],
  authReq: ['authentication requirement', 'authenticationrequirement'],
  mfa: ['multifactor authentication result', 'mfadetail', 'status.additionaldetails', 'status_dynamic', 'status'],
  error: ['sign-in error code', 'status.errorcode', 'resulttype', 'errorcode', 'status_dynamic', 'status'],
  asn: ['autonomous system number', 'autonomoussystemnumber', 'autonomous system  number'],
};

/** A field of a JSON object cell (LA `Status_dynamic`, `Status`), matched case-insensitively; null otherwise. */
function jsonField(text: string, field: string): string | null {
  const t = text.trim();
  if (!t.startsWith('{')) return null;
  try {
    const v: unknown = JSON.parse(t);
    if (typeof v !== 'object' || v === null) return null;
    for (const [k, val] of Object.entries(v)) {
      if (k.toLowerCase() === field.toLowerCase() && (typeof val === 'string' || typeof val === 'number')) return String(val);
    }
  } catch {
    return null;
  }
  return null;
}

function cellValue(fact: Fact, text: string | null): string | null {
  if (text === null || text.trim() === '') return null;
  if (fact === 'error') return jsonField(text, 'errorCode') ?? (/^\s*\d{1,9}\s*$/.test(text) ? text.trim() : null);
  if (fact === 'mfa') return jsonField(text, 'additionalDetails') ?? (text.trim().startsWith('{') ? null : text.trim());
  return text.trim();
}

function columnsFor(columns: CatalogColumn[]): Record<Fact, CatalogColumn[]> {
  const out = {} as Record<Fact, CatalogColumn[]>;
  for (const fact of Object.keys(NAMES) as Fact[]) {
    out[fact] = NAMES[fact].map((n) => findColumn(columns, n)).filter((c): c is CatalogColumn => c !== undefined);
  }
  return out;
}

function authRequirement(text: string | null): string | null {
  if (!text) return null;
  const k = text.toLowerCase().replace(/[\s_-]+/g, '');
  if (k.startsWith('singlefactor')) return 'singleFactorAuthentication';
  if (k.startsWith('multifactor')) return 'multiFactorAuthentication';
  return null;
}

function mfaSatisfied(text: string | null): boolean {
  if (!text) return false;
  return /mfa (requirement )?(satisfied|successfully completed|completed)|strong authentication|successfully completed/i.test(text);
}

/** Facts for the given rows of one source, keyed by row number; rows the source lacks are absent. */
export function readSigninFacts(db: ReadableDB, sourceId: number, rows: readonly number[]): Map<number, SigninFacts> {
  const out = new Map<number, SigninFacts>();
  if (!rows.length) return out;
  const cols = columnsFor(listColumns(db, sourceId));
  const used = [...new Set(Object.values(cols).flat().map((c) => c.col))];
  if (!used.length) return out;
  const table = ident(sourceTable(sourceId));
  const select = used.map((c) => ident(c)).join(', ');
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const got = db
      .prepare(`SELECT _row, ${select} FROM ${table} WHERE _row IN (${chunk.map(() => '?').join(', ')})`)
      .all(...chunk) as Record<string, string | number | null>[];
    for (const r of got) {
      const first = (fact: Fact): string | null => {
        for (const c of cols[fact]) {
          const raw = r[c.col];
          const v = cellValue(fact, raw === null || raw === undefined ? null : String(raw));
          if (v !== null) return v;
        }
        return null;
      };
      const mfaText = first('mfa');
      out.set(Number(r['_row']), {
        tokenType: tokenType(first('token'))?.type ?? null,
        conditionalAccess: normalizeConditionalAccess(first('ca')),
        authRequirement: authRequirement(first('authReq')),
        mfaSatisfied: mfaSatisfied(mfaText),
        errorCode: first('error'),
        asn: first('asn')?.replace(/^AS/i, '') ?? null,
      });
    }
  }
  return out;
}
