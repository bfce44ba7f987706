// Seeds a draft report from triage findings: being built; see issue 5.
import { LoupeError } from '../../contract/errors';
import type { WritableDB } from '../db/types';

export function seedDraftFromTriage(_db: WritableDB): void {
  throw new LoupeError('INTERNAL', '--draft needs triage, which is not available in this build yet');
}
