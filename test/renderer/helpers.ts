// Shared set-up for renderer tests: a fresh Pinia and the fake engine plugged in as the transport.
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { bridgeTransport, setTransport, type Transport } from '../../src-renderer/src/api/client';
import { createFakeApi, type FakeApi, type FakeSource } from '../support/fakeApi';

export interface Harness { fake: FakeApi; pinia: Pinia }

export function setup(data?: FakeSource[]): Harness {
  const fake = createFakeApi(data);
  const t: Transport = { ...bridgeTransport(fake.bridge), kind: 'test', upload: async () => 'f'.repeat(32) };
  setTransport(t);
  const pinia = createPinia();
  setActivePinia(pinia);
  return { fake, pinia };
}

/** Lets pending promises and Vue updates settle. */
export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
}

/** Elements in `root` that data must never create: active content or event-handler attributes. */
export function dangerousNodes(root: Element): string[] {
  const bad: string[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'img', 'iframe', 'object', 'embed', 'svg', 'b'].includes(tag)) bad.push(tag);
    for (const a of Array.from(el.attributes)) if (a.name.toLowerCase().startsWith('on')) bad.push(`${tag}[${a.name}]`);
  }
  return bad;
}
