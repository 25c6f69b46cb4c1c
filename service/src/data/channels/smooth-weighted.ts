/**
 * nginx's smooth weighted round robin: every pick adds each eligible member's weight to its current
 * score, takes the highest, and subtracts the total from the winner. Weights 5:1:1 give
 * a a b a c a a, spreading the heavy member out instead of sending it bursts.
 */
import type { Member } from './members';

export class SmoothWeighted {
  private readonly current: Float64Array;

  constructor(private readonly members: readonly Member[]) {
    this.current = new Float64Array(members.length);
  }

  /** Picks among the members with weight > 0 that `eligible` accepts; undefined when there are none. */
  next(eligible: (member: Member) => boolean): Member | undefined {
    let total = 0;
    let best = -1;
    for (let i = 0; i < this.members.length; i++) {
      const member = this.members[i];
      if (member.weight <= 0 || !eligible(member)) continue;
      this.current[i] += member.weight;
      total += member.weight;
      if (best < 0 || this.current[i] > this.current[best]) best = i;
    }
    if (best < 0) return undefined;
    this.current[best] -= total;
    return this.members[best];
  }
}
