import { describe, expect, it } from 'vitest';
import { checkSolution } from '../src/checker.js';
import type { Problem } from '../src/problem.js';
import type { Solution } from '../src/solution.js';
import { solve } from '../src/solve.js';

const problem: Problem = {
  vehicles: [{ id: 'a', start: [0, 0], capacity: [10], time_window: [0, 100] }],
  jobs: [
    { id: 1, location: [3, 4], delivery: [4], time_windows: [[0, 20]] },
    { id: 2, location: [6, 8], delivery: [5] },
  ],
};

const clone = (s: Solution): Solution => JSON.parse(JSON.stringify(s)) as Solution;

describe('checker', () => {
  it('accepts the solver answer and recomputes its cost', async () => {
    const s = await solve(problem, { seed: 1 });
    const r = checkSolution(problem, s);
    expect(r.errors).toEqual([]);
    expect(r.cost).toBeCloseTo(20, 9);
  });

  it('catches a job served twice, a job missing, overload, a late arrival and a wrong cost', async () => {
    const good = await solve(problem, { seed: 1 });
    const dup = clone(good);
    const steps = dup.routes[0]!.steps;
    steps.splice(2, 0, { ...steps[1]! });
    expect(checkSolution(problem, dup).errors.join('\n')).toMatch(/appears 2 times/);

    const missing = clone(good);
    missing.routes[0]!.steps = missing.routes[0]!.steps.filter((st) => st.id !== 2);
    expect(checkSolution(problem, missing).errors.join('\n')).toMatch(/job 2 is neither served/);

    const heavy: Problem = { ...problem, vehicles: [{ ...problem.vehicles[0]!, capacity: [6] }] };
    expect(checkSolution(heavy, good).errors.join('\n')).toMatch(/above capacity/);

    const late: Problem = { ...problem, jobs: [{ ...problem.jobs[0]!, time_windows: [[0, 2]] }, problem.jobs[1]!] };
    expect(checkSolution(late, good).errors.join('\n')).toMatch(/after its window closes/);

    const short: Problem = { ...problem, vehicles: [{ ...problem.vehicles[0]!, time_window: [0, 15] }] };
    expect(checkSolution(short, good).errors.join('\n')).toMatch(/after its shift ends/);

    const cost = clone(good);
    cost.cost += 1;
    expect(checkSolution(problem, cost).errors.join('\n')).toMatch(/reported cost/);
  });

  it('catches a multi-trip truck that goes home loaded or visits a facility it may not use', async () => {
    const mt: Problem = {
      vehicles: [{ id: 't', start: [0, 0], capacity: [5], facility: 'f' }],
      facilities: [{ id: 'f', location: [10, 0], service: 2 }],
      jobs: [
        { id: 1, location: [1, 0], pickup: [4] },
        { id: 2, location: [2, 0], pickup: [4] },
      ],
    };
    const s = await solve(mt, { seed: 1 });
    expect(checkSolution(mt, s).errors).toEqual([]);
    const broken = clone(s);
    broken.routes[0]!.steps = broken.routes[0]!.steps.filter((st) => st.type !== 'facility');
    const errs = checkSolution(mt, broken).errors.join('\n');
    expect(errs).toMatch(/above capacity/);
    expect(errs).toMatch(/returns loaded/);
    const other: Problem = { ...mt, vehicles: [{ ...mt.vehicles[0]!, facility: undefined, capacity: [100] }] };
    expect(checkSolution(other, s).errors.join('\n')).toMatch(/may not use/);
  });
});
