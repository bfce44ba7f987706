// The engine host seen by the transports (browser-mode server, Electron IPC): validated calls, events, staging.
import type { ApiName, ApiResponse, EventName, EventPayload } from '../contract/api';
import type { Result } from '../contract/errors';

export type EventListener = <K extends EventName>(event: K, payload: EventPayload<K>) => void;

export interface EngineHost {
  /** Validates `req` against the contract, runs the call in the engine worker, returns errors as data. */
  call<K extends ApiName>(name: K, req: unknown): Promise<Result<ApiResponse<K>>>;
  /** Subscribe to engine events; returns an unsubscribe function. */
  on(listener: EventListener): () => void;
  /** Copy an uploaded file into the staging area; returns an opaque 32-hex id for `import/start`. */
  stageStream(fileName: string, data: NodeJS.ReadableStream): Promise<string>;
  /** Register a file chosen in a native dialog (path never comes from the renderer). */
  stagePath(path: string): string;
  close(): Promise<void>;
}

/** What createEngineHost returns: an EngineHost on one case file, with its lock state and "save as". */
export interface CaseHost extends EngineHost {
  readonly ready: Promise<void>;
  readonly casePath: string;
  /** Who holds the case's lock when this host opened it read-only; null when this host holds the lock. */
  readonly lockedBy: string | null;
  /** A consistent copy of the case at `dest` (a path chosen in main or by the host, never by the renderer). */
  saveAs(dest: string): Promise<Result<ApiResponse<'case/saveAs'>>>;
}
