// Messages between the engine host (main thread) and the engine worker.
import type { ApiName, EventName } from '../contract/api';
import type { Result } from '../contract/errors';

export type ToWorker =
  | { type: 'call'; id: number; name: ApiName; req: unknown }
  | { type: 'import'; jobId: string; files: { path: string; name: string }[]; copyEvidence?: boolean }
  | { type: 'cancel'; jobId: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'closed' };
