// Pinia store for the display time zone: UTC by default, validated with Intl, remembered in localStorage.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed } from 'vue';
import { UTC_ZONE, canonicalZone, displayZone, localTimeZone } from '../composables/zonedTime';

export const TIME_ZONE_KEY = 'loupe.displayTimeZone';

function readSaved(): string | null {
  try {
    const saved = globalThis.localStorage?.getItem(TIME_ZONE_KEY) ?? null;
    return saved === null ? null : canonicalZone(saved);
  } catch {
    return null; // storage can be disabled; UTC then
  }
}

export const useTimeZoneStore = defineStore('timezone', () => {
  displayZone.value = readSaved() ?? UTC_ZONE;
  const zone = computed(() => displayZone.value);
  const local = localTimeZone();

  /** Switches every displayed time to `next`; false (nothing changes) when Intl does not know the zone. */
  function set(next: string): boolean {
    const z = canonicalZone(next);
    if (z === null) return false;
    displayZone.value = z;
    try {
      globalThis.localStorage?.setItem(TIME_ZONE_KEY, z);
    } catch {
      // not persisted; the choice still holds for this session
    }
    return true;
  }

  return { zone, local, set };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useTimeZoneStore, import.meta.hot));
