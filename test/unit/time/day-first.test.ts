// decideDayFirst: evidence from a column's values decides day/month order.
import { describe, expect, it } from 'vitest';
import { decideDayFirst } from '../../../src-main/engine/time/parse';

describe('decideDayFirst', () => {
  it('day-first when a first component exceeds 12', () => {
    expect(decideDayFirst(['01/02/2023 10:00', '25/02/2023 10:00'])).toBe(true);
    expect(decideDayFirst(['"13.01.2024 08:00:00"'])).toBe(true);
  });
  it('month-first when a second component exceeds 12', () => {
    expect(decideDayFirst(['4/28/2021, 2:08:45.221 PM', '5/1/2021, 1:00:00 AM'])).toBe(false);
  });
  it('null when nothing decides or the evidence conflicts', () => {
    expect(decideDayFirst(['01/02/2023', '03/04/2023'])).toBeNull();
    expect(decideDayFirst(['25/01/2023', '01/25/2023'])).toBeNull();
    expect(decideDayFirst([])).toBeNull();
    expect(decideDayFirst(['2023-10-26T10:00:00Z', 'hello', ''])).toBeNull();
    expect(decideDayFirst(['99/99/99999'])).toBeNull();
  });
});
