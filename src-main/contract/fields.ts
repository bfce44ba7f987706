// The normalized `@` fields every source profile maps onto (DESIGN.md "Normalized fields").

/** Names without the leading `@`, in display order. `time` is UTC microseconds; the rest are text. */
export const NORMALIZED_FIELDS = [
  'time',
  'source',
  'user',
  'user_id',
  'ip',
  'app_id',
  'app',
  'operation',
  'result',
  'resource',
  'correlation_id',
  'user_agent',
  'tool',
  'country',
] as const;

export type NormalizedField = (typeof NORMALIZED_FIELDS)[number];

/** Fields stored in the `events` table (everything but `source`, which is derived from source_id). */
export type EntityField = Exclude<NormalizedField, 'time' | 'source'>;

export const ENTITY_FIELDS = NORMALIZED_FIELDS.filter(
  (f): f is EntityField => f !== 'time' && f !== 'source',
);

export function isNormalizedField(name: string): name is NormalizedField {
  return (NORMALIZED_FIELDS as readonly string[]).includes(name);
}
