import { evalRoute, type Penalties } from './evaluate.js';
import { LocalSearch } from './local-search.js';
import type { Model } from './model.js';
import { Rng } from './prng.js';

/**
 * Hybrid genetic search (Vidal et al. 2012; Vidal 2022 "HGS-CVRP"), written from the papers:
 * giant-tour chromosomes, Split, OX crossover, granular local search as education, penalised
 * infeasible solutions in their own subpopulation with adaptive penalties, and biased fitness
 * (cost rank + diversity rank by broken-pairs distance) for survivor selection.
 */
export interface HgsParams {
  seed: number;
  /** Stop after this many iterations without improvement (deterministic stop). */
  maxIterNoImprove: number;
  /** Wall-clock limit in ms (anytime mode: restart on stagnation until then). */
  timeLimitMs: number;
  /** True: keep restarting until the time limit instead of stopping on stagnation. */
  anytime: boolean;
  mu: number;
  lambda: number;
  nbElite: number;
  nbClose: number;
  granular: number;
  targetFeasible: number;
  signal?: AbortSignal;
  onProgress?: (p: { cost: number; elapsedMs: number; iteration: number }) => void;
  /** Routes (client indices per vehicle) to seed the population with. */
  initial?: number[][];
}

export const defaultHgsParams: Omit<HgsParams, 'seed' | 'maxIterNoImprove' | 'timeLimitMs' | 'anytime'> = {
  mu: 25,
  lambda: 40,
  nbElite: 4,
  nbClose: 5,
  granular: 20,
  targetFeasible: 0.2,
};

export class Indiv {
  tour: Int32Array;
  routes: number[][];
  cost = 0; // penalised
  plainCost = 0;
  feasible = false;
  loadFeasible = true;
  twFeasible = true;
  succ: Int32Array;
  pred: Int32Array;
  prox: { d: number; ind: Indiv }[] = [];
  fit = 0;
  constructor(n: number, fleet: number) {
    this.tour = new Int32Array(n);
    this.routes = Array.from({ length: fleet }, () => []);
    this.succ = new Int32Array(n + 1);
    this.pred = new Int32Array(n + 1);
  }
}

export interface HgsResult {
  routes: number[][];
  cost: number;
  feasible: boolean;
  iterations: number;
  elapsedMs: number;
}

export function buildNeighbours(m: Model, granular: number): Int32Array[] {
  const n = m.n;
  const N = m.nLoc;
  const sets: Set<number>[] = Array.from({ length: n + 1 }, () => new Set<number>());
  const cand: { p: number; j: number }[] = [];
  for (let i = 1; i <= n; i++) {
    cand.length = 0;
    const li = m.loc[i]!;
    for (let j = 1; j <= n; j++) {
      if (j === i) continue;
      const lj = m.loc[j]!;
      let p = m.dist[li * N + lj]!;
      if (m.timed) {
        const t = m.time[li * N + lj]!;
        const wait = m.twEarly[j]! - m.service[i]! - t - m.twLate[i]!;
        const warp = m.twEarly[i]! + m.service[i]! + t - m.twLate[j]!;
        p += 0.2 * Math.max(0, wait) + Math.max(0, warp);
      }
      cand.push({ p, j });
    }
    cand.sort((a, b) => a.p - b.p || a.j - b.j);
    for (let k = 0; k < Math.min(granular, cand.length); k++) {
      sets[i]!.add(cand[k]!.j);
      sets[cand[k]!.j]!.add(i);
    }
  }
  return sets.map((s) => Int32Array.from([...s].sort((a, b) => a - b)));
}

export class Hgs {
  private m: Model;
  private p: HgsParams;
  private rng: Rng;
  private ls: LocalSearch;
  private pen: Penalties;
  private feas: Indiv[] = [];
  private infeas: Indiv[] = [];
  best: Indiv | null = null;
  private histLoad: boolean[] = [];
  private histTw: boolean[] = [];
  private start = 0;
  private fleet: number;

  constructor(m: Model, p: HgsParams) {
    this.m = m;
    this.p = p;
    this.rng = new Rng(p.seed);
    this.ls = new LocalSearch(m, this.rng, buildNeighbours(m, p.granular));
    this.fleet = m.vehicles.length;
    // initial penalties: scale with the typical distance / demand ratio (as HGS-CVRP)
    let maxDist = 0;
    for (let i = 0; i < m.dist.length; i++) if (m.dist[i]! > maxDist && m.dist[i]! < 1e14) maxDist = m.dist[i]!;
    let maxDemand = 0;
    for (let i = 0; i < m.demand.length; i++) if (m.demand[i]! > maxDemand) maxDemand = m.demand[i]!;
    const costScale = Math.max(...m.vehicles.map((v) => v.costPerDistance), 1e-9);
    this.pen = {
      cap: Math.max(0.1, Math.min(1000, (costScale * maxDist) / Math.max(maxDemand, 1e-9))),
      tw: Math.max(0.1, costScale),
    };
  }

  private elapsed(): number {
    return performance.now() - this.start;
  }

  private timeUp(): boolean {
    return this.elapsed() >= this.p.timeLimitMs || !!this.p.signal?.aborted;
  }

  run(): HgsResult {
    this.start = performance.now();
    const n = this.m.n;
    let iter = 0;
    if (n === 0) {
      return { routes: Array.from({ length: this.fleet }, () => []), cost: 0, feasible: true, iterations: 0, elapsedMs: 0 };
    }
    this.initialPopulation();
    let nonImprove = 0;
    while (!this.timeUp()) {
      iter++;
      const p1 = this.tournament();
      const p2 = this.tournament();
      const child = new Indiv(n, this.fleet);
      this.crossoverOX(child, p1, p2);
      let improved = this.educate(child, true);
      if (improved) nonImprove = 0;
      else nonImprove++;
      if (iter % 100 === 0) {
        this.managePenalties();
        if (this.best) this.p.onProgress?.({ cost: this.best.plainCost, elapsedMs: this.elapsed(), iteration: iter });
      }
      if (nonImprove >= this.p.maxIterNoImprove) {
        if (!this.p.anytime) break;
        // restart: keep only the best, build a fresh population
        this.feas = [];
        this.infeas = [];
        this.initialPopulation();
        nonImprove = 0;
        improved = false;
      }
    }
    const b = this.best ?? this.bestInfeasible();
    return {
      routes: b.routes.map((r) => [...r]),
      cost: b.plainCost,
      feasible: b.feasible,
      iterations: iter,
      elapsedMs: this.elapsed(),
    };
  }

  private bestInfeasible(): Indiv {
    const all = [...this.feas, ...this.infeas].sort((a, b) => a.cost - b.cost);
    return all[0]!;
  }

  private initialPopulation(): void {
    const n = this.m.n;
    if (this.p.initial) {
      const ind = new Indiv(n, this.fleet);
      for (let r = 0; r < this.fleet; r++) ind.routes[r] = [...(this.p.initial[r] ?? [])];
      this.evaluate(ind);
      this.addIndividual(ind);
      const copy = new Indiv(n, this.fleet);
      copy.routes = ind.routes.map((r) => [...r]);
      this.ls.run(copy.routes, this.pen);
      this.evaluate(copy);
      this.addIndividual(copy);
    }
    const count = 4 * this.p.mu;
    for (let k = 0; k < count && !this.timeUp(); k++) {
      const ind = new Indiv(n, this.fleet);
      for (let i = 0; i < n; i++) ind.tour[i] = i + 1;
      this.rng.shuffle(ind.tour);
      this.educate(ind, true);
    }
  }

  /** Split, local search, insert into the population; returns true on a new best. */
  private educate(ind: Indiv, split: boolean): boolean {
    if (split) this.split(ind);
    this.ls.run(ind.routes, this.pen);
    this.evaluate(ind);
    this.histLoad.push(ind.loadFeasible);
    this.histTw.push(ind.twFeasible);
    let improved = this.addIndividual(ind);
    if (!ind.feasible && this.rng.int(2) === 0) {
      const strong: Penalties = { cap: this.pen.cap * 10, tw: this.pen.tw * 10 };
      const rep = new Indiv(this.m.n, this.fleet);
      rep.routes = ind.routes.map((r) => [...r]);
      this.ls.run(rep.routes, strong);
      this.evaluate(rep);
      if (rep.feasible) improved = this.addIndividual(rep) || improved;
    }
    return improved;
  }

  private evaluate(ind: Indiv): void {
    const m = this.m;
    let cost = 0;
    let plain = 0;
    let loadOk = true;
    let twOk = true;
    let k = 0;
    ind.succ.fill(0);
    ind.pred.fill(0);
    for (let r = 0; r < this.fleet; r++) {
      const route = ind.routes[r]!;
      const ev = evalRoute(m, m.vehicles[r]!, this.pen, route, route.length);
      cost += ev.penalised;
      plain += ev.cost;
      if (ev.excessLoad > 1e-9) loadOk = false;
      if (ev.timeWarp > 1e-9 || ev.excessDist > 1e-9) twOk = false;
      for (let i = 0; i < route.length; i++) {
        const c = route[i]!;
        ind.tour[k++] = c;
        ind.pred[c] = i > 0 ? route[i - 1]! : 0;
        ind.succ[c] = i + 1 < route.length ? route[i + 1]! : 0;
      }
    }
    ind.cost = cost;
    ind.plainCost = plain;
    ind.loadFeasible = loadOk;
    ind.twFeasible = twOk;
    ind.feasible = loadOk && twOk;
  }

  // ---------------- Split ----------------
  private split(ind: Indiv): void {
    const m = this.m;
    const n = m.n;
    const fleet = this.fleet;
    const tour = ind.tour;
    for (const r of ind.routes) r.length = 0;
    if (m.multiTrip) {
      // multi-trip vehicles: cut the giant tour into `fleet` chunks of equal work
      const per = Math.ceil(n / fleet);
      for (let i = 0; i < n; i++) ind.routes[Math.min(fleet - 1, Math.floor(i / per))]!.push(tour[i]!);
      return;
    }
    const pred = this.splitBellman(tour, Number.POSITIVE_INFINITY);
    let routes = this.extract(tour, pred.pred, n);
    if (routes.length > fleet) {
      const lim = this.splitLimited(tour, fleet);
      if (lim) routes = lim;
      else {
        // cannot do better than merging the extra routes into the last one
        const extra = routes.splice(fleet - 1);
        routes.push(extra.flat());
      }
    }
    this.assignVehicles(ind, routes);
  }

  private refVehicle() {
    return this.m.vehicles[0]!;
  }

  /** Cost of serving tour[i..j] (inclusive) in one route of the reference vehicle. */
  private splitBellman(tour: Int32Array, _limit: number): { pot: Float64Array; pred: Int32Array } {
    const m = this.m;
    const n = m.n;
    const N = m.nLoc;
    const dims = m.dims;
    const v = this.refVehicle();
    const maxCap = new Float64Array(dims);
    for (const veh of m.vehicles) for (let d = 0; d < dims; d++) maxCap[d] = Math.max(maxCap[d]!, veh.capacity[d]!);
    const pot = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
    const pred = new Int32Array(n + 1);
    pot[0] = 0;
    const load = new Float64Array(dims);
    for (let i = 0; i < n; i++) {
      if (pot[i] === Number.POSITIVE_INFINITY) continue;
      load.fill(0);
      let dist = 0;
      let t = v.shiftStart;
      let tw = 0;
      let last = v.startLoc;
      for (let j = i; j < n; j++) {
        const c = tour[j]!;
        const lc = m.loc[c]!;
        dist += m.dist[last * N + lc]!;
        let over = false;
        let excess = 0;
        for (let d = 0; d < dims; d++) {
          load[d]! += m.demand[c * dims + d]!;
          if (load[d]! > 1.5 * maxCap[d]! && j > i) over = true;
          if (load[d]! > maxCap[d]!) excess += load[d]! - maxCap[d]!;
        }
        if (over) break;
        if (m.timed) {
          t += m.time[last * N + lc]!;
          if (t < m.twEarly[c]!) t = m.twEarly[c]!;
          if (t > m.twLate[c]!) {
            tw += t - m.twLate[c]!;
            t = m.twLate[c]!;
          }
          t += m.service[c]!;
        }
        last = lc;
        let cost = v.fixedCost + v.costPerDistance * (dist + m.dist[lc * N + v.endLoc]!) + this.pen.cap * excess;
        if (m.timed) {
          const tEnd = t + m.time[lc * N + v.endLoc]!;
          let warp = tw + Math.max(0, tEnd - v.shiftEnd);
          const dur = tEnd - v.shiftStart;
          if (dur > v.maxDuration) warp += dur - v.maxDuration;
          cost += this.pen.tw * warp + v.costPerTime * dur;
        }
        if (pot[i]! + cost < pot[j + 1]!) {
          pot[j + 1] = pot[i]! + cost;
          pred[j + 1] = i;
        }
      }
    }
    return { pot, pred };
  }

  private extract(tour: Int32Array, pred: Int32Array, end: number): number[][] {
    const routes: number[][] = [];
    let j = end;
    while (j > 0) {
      const i = pred[j]!;
      routes.push(Array.from(tour.subarray(i, j)));
      j = i;
    }
    return routes.reverse();
  }

  /** Split with at most `fleet` routes (Bellman over the number of routes). */
  private splitLimited(tour: Int32Array, fleet: number): number[][] | null {
    const m = this.m;
    const n = m.n;
    const N = m.nLoc;
    const dims = m.dims;
    const v = this.refVehicle();
    const maxCap = new Float64Array(dims);
    for (const veh of m.vehicles) for (let d = 0; d < dims; d++) maxCap[d] = Math.max(maxCap[d]!, veh.capacity[d]!);
    let prev = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
    prev[0] = 0;
    const preds: Int32Array[] = [];
    let bestK = -1;
    let bestVal = Number.POSITIVE_INFINITY;
    const load = new Float64Array(dims);
    for (let k = 0; k < fleet; k++) {
      const cur = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
      const pr = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) {
        if (prev[i] === Number.POSITIVE_INFINITY) continue;
        load.fill(0);
        let dist = 0;
        let t = v.shiftStart;
        let tw = 0;
        let last = v.startLoc;
        for (let j = i; j < n; j++) {
          const c = tour[j]!;
          const lc = m.loc[c]!;
          dist += m.dist[last * N + lc]!;
          let excess = 0;
          for (let d = 0; d < dims; d++) {
            load[d]! += m.demand[c * dims + d]!;
            if (load[d]! > maxCap[d]!) excess += load[d]! - maxCap[d]!;
          }
          if (m.timed) {
            t += m.time[last * N + lc]!;
            if (t < m.twEarly[c]!) t = m.twEarly[c]!;
            if (t > m.twLate[c]!) {
              tw += t - m.twLate[c]!;
              t = m.twLate[c]!;
            }
            t += m.service[c]!;
          }
          last = lc;
          let cost = v.fixedCost + v.costPerDistance * (dist + m.dist[lc * N + v.endLoc]!) + this.pen.cap * excess;
          if (m.timed) {
            const tEnd = t + m.time[lc * N + v.endLoc]!;
            cost += this.pen.tw * (tw + Math.max(0, tEnd - v.shiftEnd));
          }
          if (prev[i]! + cost < cur[j + 1]!) {
            cur[j + 1] = prev[i]! + cost;
            pr[j + 1] = i;
          }
        }
      }
      preds.push(pr);
      if (cur[n]! < bestVal) {
        bestVal = cur[n]!;
        bestK = k;
      }
      prev = cur;
    }
    if (bestK < 0) return null;
    const routes: number[][] = [];
    let j = n;
    for (let k = bestK; k >= 0; k--) {
      const i = preds[k]![j]!;
      routes.push(Array.from(tour.subarray(i, j)));
      j = i;
    }
    return routes.reverse();
  }

  /** Gives each route a vehicle: biggest loads to biggest vehicles, respecting skills where possible. */
  private assignVehicles(ind: Indiv, routes: number[][]): void {
    const m = this.m;
    const dims = m.dims;
    const homogeneous = m.vehicles.every(
      (v) =>
        v.startLoc === m.vehicles[0]!.startLoc &&
        v.capacity.every((c, d) => c === m.vehicles[0]!.capacity[d]) &&
        v.skills.size === 0 &&
        v.fixedCost === m.vehicles[0]!.fixedCost,
    );
    if (homogeneous && !m.allowed) {
      for (let r = 0; r < routes.length; r++) ind.routes[r] = routes[r]!;
      return;
    }
    const loadOf = (route: number[]) => {
      let s = 0;
      for (const c of route) for (let d = 0; d < dims; d++) s += m.demand[c * dims + d]!;
      return s;
    };
    const order = routes.map((r, i) => ({ i, l: loadOf(r) })).sort((a, b) => b.l - a.l || a.i - b.i);
    const vOrder = m.vehicles.map((v, i) => ({ i, c: v.capacity.reduce((a, b) => a + b, 0) })).sort((a, b) => b.c - a.c || a.i - b.i);
    const used = new Uint8Array(this.fleet);
    for (const { i } of order) {
      const route = routes[i]!;
      let pick = -1;
      for (const { i: vi } of vOrder) {
        if (used[vi]) continue;
        if (m.allowed && route.some((c) => m.allowed![c * this.fleet + vi] !== 1)) continue;
        pick = vi;
        break;
      }
      if (pick < 0) pick = vOrder.find(({ i: vi }) => !used[vi])!.i;
      used[pick] = 1;
      ind.routes[pick] = route;
    }
  }

  // ---------------- Crossover ----------------
  private crossoverOX(child: Indiv, p1: Indiv, p2: Indiv): void {
    const n = this.m.n;
    const used = new Uint8Array(n + 1);
    const start = this.rng.int(n);
    let end = this.rng.int(n);
    while (n > 1 && end === start) end = this.rng.int(n);
    let j = start;
    while (j % n !== (end + 1) % n) {
      const c = p1.tour[j % n]!;
      child.tour[j % n] = c;
      used[c] = 1;
      j++;
    }
    for (let i = 1; i <= n; i++) {
      const c = p2.tour[(end + i) % n]!;
      if (!used[c]) {
        child.tour[j % n] = c;
        j++;
      }
    }
  }

  // ---------------- Population ----------------
  private brokenPairs(a: Indiv, b: Indiv): number {
    const n = this.m.n;
    let diffs = 0;
    for (let j = 1; j <= n; j++) {
      if (a.succ[j] !== b.succ[j] && a.succ[j] !== b.pred[j]) diffs++;
      if (a.pred[j] === 0 && b.pred[j] !== 0 && b.succ[j] !== 0) diffs++;
    }
    return diffs / n;
  }

  private addIndividual(ind: Indiv): boolean {
    const sub = ind.feasible ? this.feas : this.infeas;
    for (const other of sub) {
      const d = this.brokenPairs(ind, other);
      insertProx(other.prox, d, ind);
      insertProx(ind.prox, d, other);
    }
    let place = sub.length;
    while (place > 0 && sub[place - 1]!.cost > ind.cost - 1e-9) place--;
    sub.splice(place, 0, ind);
    if (sub.length > this.p.mu + this.p.lambda) {
      while (sub.length > this.p.mu) this.removeWorst(sub);
    }
    if (ind.feasible && (!this.best || ind.plainCost < this.best.plainCost - 1e-9)) {
      const copy = new Indiv(this.m.n, this.fleet);
      copy.routes = ind.routes.map((r) => [...r]);
      copy.tour.set(ind.tour);
      copy.cost = ind.cost;
      copy.plainCost = ind.plainCost;
      copy.feasible = true;
      this.best = copy;
      this.p.onProgress?.({ cost: copy.plainCost, elapsedMs: this.elapsed(), iteration: -1 });
      return true;
    }
    return false;
  }

  private avgClose(ind: Indiv, k: number): number {
    const lim = Math.min(k, ind.prox.length);
    if (lim === 0) return 0;
    let s = 0;
    for (let i = 0; i < lim; i++) s += ind.prox[i]!.d;
    return s / lim;
  }

  private updateBiasedFitness(sub: Indiv[]): void {
    const size = sub.length;
    if (size === 1) {
      sub[0]!.fit = 0;
      return;
    }
    const rank = sub.map((ind, i) => ({ d: -this.avgClose(ind, this.p.nbClose), i }));
    rank.sort((a, b) => a.d - b.d || a.i - b.i);
    for (let pos = 0; pos < size; pos++) {
      const divRank = pos / (size - 1);
      const i = rank[pos]!.i;
      const fitRank = i / (size - 1);
      sub[i]!.fit = size <= this.p.nbElite ? fitRank : fitRank + (1 - this.p.nbElite / size) * divRank;
    }
  }

  private removeWorst(sub: Indiv[]): void {
    this.updateBiasedFitness(sub);
    let worst = 1;
    let worstClone = false;
    let worstFit = -1;
    for (let i = 1; i < sub.length; i++) {
      const clone = this.avgClose(sub[i]!, 1) < 1e-9;
      if ((clone && !worstClone) || (clone === worstClone && sub[i]!.fit > worstFit)) {
        worst = i;
        worstClone = clone;
        worstFit = sub[i]!.fit;
      }
    }
    const gone = sub[worst]!;
    sub.splice(worst, 1);
    for (const other of sub) {
      const idx = other.prox.findIndex((p) => p.ind === gone);
      if (idx >= 0) other.prox.splice(idx, 1);
    }
  }

  private tournament(): Indiv {
    this.updateBiasedFitness(this.feas);
    this.updateBiasedFitness(this.infeas);
    const total = this.feas.length + this.infeas.length;
    const pick = () => {
      const k = this.rng.int(total);
      return k < this.feas.length ? this.feas[k]! : this.infeas[k - this.feas.length]!;
    };
    const a = pick();
    const b = pick();
    return a.fit < b.fit ? a : b;
  }

  private managePenalties(): void {
    const frac = (h: boolean[]) => (h.length ? h.filter(Boolean).length / h.length : 1);
    const fl = frac(this.histLoad);
    const ft = frac(this.histTw);
    const t = this.p.targetFeasible;
    if (fl < t - 0.05) this.pen.cap = Math.min(100000, this.pen.cap * 1.2);
    else if (fl > t + 0.05) this.pen.cap = Math.max(0.1, this.pen.cap * 0.85);
    if (ft < t - 0.05) this.pen.tw = Math.min(100000, this.pen.tw * 1.2);
    else if (ft > t + 0.05) this.pen.tw = Math.max(0.1, this.pen.tw * 0.85);
    this.histLoad = [];
    this.histTw = [];
    // re-evaluate infeasible individuals under the new penalties and keep the subpopulation sorted
    for (const ind of this.infeas) this.evaluate(ind);
    this.infeas.sort((a, b) => a.cost - b.cost);
  }
}

function insertProx(list: { d: number; ind: Indiv }[], d: number, ind: Indiv): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.d > d) i--;
  list.splice(i, 0, { d, ind });
}
