// Indexed look-ups of an identity's history in the case: was this IP seen before, does the identity have earlier activity.
import type { ReadableDB } from '../db/types';

/** True when the identity (UPN or object id) has activity before `time` and none of it from `ip`. */
export function ipIsNewForActor(db: ReadableDB, actor: string, ip: string, time: number): boolean {
  const earlier = db
    .prepare('SELECT 1 FROM events e WHERE (e.user = ? OR e.user_id = ?) AND e.time < ? LIMIT 1')
    .get(actor, actor, time);
  if (!earlier) return false;
  const fromIp = db
    .prepare('SELECT 1 FROM events e WHERE e.ip = ? AND (e.user = ? OR e.user_id = ?) AND e.time < ? LIMIT 1')
    .get(ip, actor, actor, time);
  return !fromIp;
}
