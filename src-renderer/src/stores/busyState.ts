// The busy flag and last error a store shows while it talks to the engine, and the wrapper that keeps them right.
import { ref, shallowRef } from 'vue';
import { toApiError, type ApiError } from '../api/client';

export function useBusyState() {
  const busy = ref(false);
  const error = shallowRef<ApiError | null>(null);

  /** Runs one engine call: busy while it runs, the error kept (and null returned) when it fails. */
  async function guarded<T>(job: () => Promise<T>): Promise<T | null> {
    busy.value = true;
    error.value = null;
    try {
      return await job();
    } catch (err) {
      error.value = toApiError(err);
      return null;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, guarded };
}
