import { describe, it, expect } from 'vitest';
import { isPubliclyVisible } from './visibility.ts';

describe('isPubliclyVisible', () => {
  const now = new Date('2022-09-27T07:00:00.000Z');
  it('shows a published article whose time has passed, and at exactly its time', () => {
    expect(isPubliclyVisible({ state: 'published', publishedAt: '2022-09-27T06:59:59.999Z' }, now)).toBe(true);
    expect(isPubliclyVisible({ state: 'published', publishedAt: '2022-09-27T07:00:00.000Z' }, now)).toBe(true);
  });
  it('hides an embargoed article until its time', () => {
    expect(isPubliclyVisible({ state: 'published', publishedAt: '2022-09-27T07:00:00.001Z' }, now)).toBe(false);
  });
  it('hides every state other than published, whatever the time', () => {
    for (const state of ['draft', 'submitted', 'pending_approval', 'scheduled', 'returned', 'rejected', 'withdrawn']) {
      expect(isPubliclyVisible({ state, publishedAt: '2020-01-01T00:00:00.000Z' }, now)).toBe(false);
    }
    expect(isPubliclyVisible({ state: 'published', publishedAt: null }, now)).toBe(false);
  });
});
