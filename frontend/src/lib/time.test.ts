import { expect, it } from 'vitest';
import { relativeTime } from './time';

it('says how long ago', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  expect(relativeTime('2026-11-25T11:59:50Z', now)).toBe('just now');
  expect(relativeTime('2026-11-25T11:50:00Z', now)).toBe('10 min ago');
  expect(relativeTime('2025-01-02T10:00:00Z', now)).toMatch(/2025/);
});
