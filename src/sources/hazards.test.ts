import { describe, expect, it } from 'vitest';
import { isOverdue } from './hazards.ts';

describe('isOverdue', () => {
  const deadline = '2024-03-05';
  it('is false on the deadline day itself, in Beijing time', () => {
    expect(isOverdue({ status: 'open', deadline }, new Date('2024-03-05T23:59:00+08:00'))).toBe(false);
  });
  it('is true from the next Beijing day, even while it is still the deadline day in UTC', () => {
    expect(isOverdue({ status: 'rectifying', deadline }, new Date('2024-03-05T16:30:00Z'))).toBe(true);
  });
  it('is false when closed or without a deadline', () => {
    expect(isOverdue({ status: 'closed', deadline }, new Date('2025-01-01'))).toBe(false);
    expect(isOverdue({ status: 'open' }, new Date('2025-01-01'))).toBe(false);
  });
});
