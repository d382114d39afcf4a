import { describe, expect, it } from 'vitest';
import { phaseNoteKey, phaseOf } from './read';

describe('a joint pool’s phase and the sentence under it', () => {
  const now = 1_800_000_000n;

  it('reads genesis, mining and ended from the term for an active pool', () => {
    expect(phaseOf(0n, 0n, now)).toBe('genesis');
    expect(phaseOf(now - 10n, now + 10n, now)).toBe('growth');
    expect(phaseOf(now - 10n, now, now)).toBe('ended');
  });

  it('reads a pool that defaulted in genesis as ended in the very second it defaulted', () => {
    // markDefaulted in genesis sets growthStart = t and termEnd = t + 1: read at t, the term is a second away.
    expect(phaseOf(now, now + 1n, now, 'active')).toBe('growth');
    expect(phaseOf(now, now + 1n, now, 'defaulted')).toBe('ended');
    expect(phaseOf(now - 100n, now + 1_000n, now, 'defaulted')).toBe('ended');
  });

  it('keeps a halted pool’s phase (it may resume) but not its fee sentence', () => {
    expect(phaseOf(0n, 0n, now, 'halted')).toBe('genesis');
    expect(phaseNoteKey({ phase: 'growth', status: 'active' })).toBe('pools.phase.growthNote');
    expect(phaseNoteKey({ phase: 'growth', status: 'halted' })).toBe('pools.status.haltedNote');
    expect(phaseNoteKey({ phase: 'genesis', status: 'halted' })).toBe('pools.status.haltedNote');
    expect(phaseNoteKey({ phase: 'ended', status: 'defaulted' })).toBe('pools.status.defaultedNote');
  });
});
