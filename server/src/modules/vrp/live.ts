import type { Platform } from '../../platform/context.js';
import { LIVE_CHANNEL } from './runs.service.js';

type Listener = () => void;

/**
 * Who waits for news of which run, in this process. A running search announces each flush on the
 * database channel `dimos_vrp` (payload: the run's id) from whichever process solves it, so a
 * browser connected to any process hears it.
 */
class RunHub {
  private readonly byRun = new Map<string, Set<Listener>>();
  private listening: Promise<unknown> | null = null;

  constructor(private readonly platform: Platform) {}

  async add(runId: string, fn: Listener) {
    this.listening ??= this.platform.database.listen(LIVE_CHANNEL, (id) => {
      for (const l of this.byRun.get(id) ?? []) l();
    });
    await this.listening;
    const set = this.byRun.get(runId) ?? new Set<Listener>();
    this.byRun.set(runId, set);
    set.add(fn);
    return () => {
      set.delete(fn);
      if (!set.size) this.byRun.delete(runId);
    };
  }
}

const hubs = new WeakMap<Platform, RunHub>();
export function runHub(platform: Platform) {
  const hub = hubs.get(platform) ?? new RunHub(platform);
  hubs.set(platform, hub);
  return hub;
}
