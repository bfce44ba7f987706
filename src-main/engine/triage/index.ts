// Built-in detections (triage): being built; see issue 5.
import type { TriageFinding } from '../../contract/api';
import { LoupeError } from '../../contract/errors';
import type { ReadableDB } from '../db/types';

export function runTriage(_db: ReadableDB): TriageFinding[] {
  throw new LoupeError('INTERNAL', 'triage is not available in this build yet');
}
