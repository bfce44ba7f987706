// @vitest-environment jsdom
// A query the engine cancelled (a newer one superseded it) is dropped silently: no error, the last good answer stays.
import { describe, expect, it } from 'vitest';
import { bridgeTransport, setTransport } from '../../src-renderer/src/api/client';
import type { ApiName } from '../../src-main/contract/api';
import { useQueryStore } from '../../src-renderer/src/stores/query';
import { useStackStore } from '../../src-renderer/src/stores/stack';
import { setup } from './helpers';

const KV = 2;

/** Makes the transport answer `name` with CANCELLED while `cancel.on` is set, as the host does for a superseded query. */
function cancelling(fake: ReturnType<typeof setup>['fake'], names: ApiName[]) {
  const state = { on: false };
  const inner = bridgeTransport(fake.bridge);
  setTransport({
    ...inner,
    kind: 'test',
    call: (name, req) => (state.on && names.includes(name) ? Promise.reject({ code: 'CANCELLED', message: 'query cancelled: a newer query replaced it' }) : inner.call(name, req)),
  });
  return state;
}

describe('CANCELLED answers', () => {
  it('the query store shows no error and keeps its rows', async () => {
    const { fake } = setup();
    const cancel = cancelling(fake, ['query/page', 'query/count']);
    const q = useQueryStore();
    await q.setSource(KV);
    const before = q.totalRows;
    expect(before).toBeGreaterThan(0);
    cancel.on = true;
    await q.submit("[OperationName] = 'KeyGet'");
    expect(q.error).toBeNull();
    expect(q.loading).toBe(false);
    expect(q.totalRows).toBe(before);
    expect(q.rowAt(0)).toBeDefined();
  });

  it('the stack store shows no error and keeps its last result', async () => {
    const { fake } = setup();
    const cancel = cancelling(fake, ['query/stack']);
    const q = useQueryStore();
    await q.setSource(KV);
    const s = useStackStore();
    await s.load('OperationName');
    const last = s.result;
    expect(last?.values.length).toBeGreaterThan(0);
    cancel.on = true;
    await s.load('OperationName');
    expect(s.error).toBeNull();
    expect(s.loading).toBe(false);
    expect(s.result).toEqual(last);
  });

  it('other errors still show', async () => {
    setup();
    const q = useQueryStore();
    await q.setSource(KV);
    await q.submit('KeyGet )');
    expect(q.error?.code).toBe('BAD_INPUT');
  });
});
