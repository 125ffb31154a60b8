import { capExcess, type Penalties, penalisedCost, Seg, simulateMultiTrip } from './evaluate.js';
import type { Model, VehicleModel } from './model.js';
import type { Rng } from './prng.js';

/**
 * Granular local search in the style of Vidal's HGS-CVRP: relocate (1 or 2 clients, also reversed),
 * swap (1–1, 2–1, 2–2), 2-opt within a route, 2-opt* between routes and SWAP* (for untimed
 * problems with coordinates), each tried only between a client and its closest neighbours.
 * Infeasibility (load, time warp, duration, distance) is penalised, not forbidden. Moves are first
 * screened with a distance/load lower bound, then evaluated exactly with time-window segments.
 */
class LsNode {
  c = 0;
  isDepot = false;
  loc = 0;
  next: LsNode = this;
  prev: LsNode = this;
  route!: LsRoute;
  pos = 0;
  cumDist = 0;
  cumRev = 0;
  cumLoad: Float64Array;
  // prefix segment (route start .. this) and suffix segment (this .. route end)
  pD = 0;
  pT = 0;
  pE = 0;
  pL = 0;
  sD = 0;
  sT = 0;
  sE = 0;
  sL = 0;
  whenLastTestedRI = -1;
  del = 0;
  constructor(dims: number) {
    this.cumLoad = new Float64Array(dims);
  }
}

class LsRoute {
  idx = 0;
  veh!: VehicleModel;
  depot!: LsNode;
  end!: LsNode;
  nbCustomers = 0;
  whenLastModified = -1;
  whenLastTestedSWAPStar = -1;
  load: Float64Array;
  dist = 0;
  cost = 0;
  excess = 0;
  polarStart = 0;
  polarEnd = 0;
  constructor(dims: number) {
    this.load = new Float64Array(dims);
  }
}

/** Builds the exact penalised cost of a candidate route from pieces of existing routes. */
class Builder {
  private seg = new Seg();
  private lastLoc = 0;
  private route!: LsRoute;
  private explicit = false;
  private list: Int32Array;
  private len = 0;
  constructor(
    private m: Model,
    private ls: LocalSearch,
  ) {
    this.list = new Int32Array(m.n + 2);
  }

  begin(r: LsRoute): this {
    this.route = r;
    this.explicit = r.veh.facilityLoc >= 0;
    this.len = 0;
    return this;
  }

  prefix(node: LsNode): this {
    if (this.explicit) {
      for (let p = node.route.depot.next; p !== node.next && !p.isDepot; p = p.next) this.list[this.len++] = p.c;
      return this;
    }
    this.seg.set(node.pD, node.pT, node.pE, node.pL);
    this.lastLoc = node.loc;
    return this;
  }

  node(n: LsNode): this {
    if (this.explicit) {
      this.list[this.len++] = n.c;
      return this;
    }
    const m = this.m;
    const c = n.c;
    this.seg.merge(m.time[this.lastLoc * m.nLoc + n.loc]!, m.service[c]!, 0, m.twEarly[c]!, m.twLate[c]!);
    this.lastLoc = n.loc;
    return this;
  }

  /** Walks a..b forward (inclusive). */
  range(a: LsNode, b: LsNode): this {
    for (let p = a; ; p = p.next) {
      this.node(p);
      if (p === b) break;
    }
    return this;
  }

  /** Walks a..b backward (inclusive). */
  rangeRev(a: LsNode, b: LsNode): this {
    for (let p = a; ; p = p.prev) {
      this.node(p);
      if (p === b) break;
    }
    return this;
  }

  suffix(node: LsNode): this {
    if (this.explicit || (node.route !== this.route && !this.ls.uniformEnds)) {
      for (let p = node; !p.isDepot; p = p.next) this.node(p);
      if (!this.explicit) this.closeWithDepot();
      return this;
    }
    const m = this.m;
    this.seg.merge(m.time[this.lastLoc * m.nLoc + node.loc]!, node.sD, node.sT, node.sE, node.sL);
    this.lastLoc = node.route.end.loc;
    return this;
  }

  private closeWithDepot(): void {
    const m = this.m;
    const v = this.route.veh;
    this.seg.merge(m.time[this.lastLoc * m.nLoc + v.endLoc]!, 0, 0, v.shiftStart, v.shiftEnd);
    this.lastLoc = v.endLoc;
  }

  /** Penalised cost of the built route, given its distance and load excess (ignored for multi-trip). */
  cost(dist: number, excess: number, empty: boolean): number {
    const v = this.route.veh;
    if (empty) return 0;
    if (this.explicit) {
      const s = simulateMultiTrip(this.m, v, this.list, this.len);
      if (this.len === 0) return 0;
      return penalisedCost(v, this.ls.pen, s.dist, s.duration, s.excessLoad, s.timeWarp);
    }
    return penalisedCost(v, this.ls.pen, dist, this.seg.dur, excess, this.seg.tw);
  }
}

export interface LsParams {
  granular: number;
}

export class LocalSearch {
  pen: Penalties = { cap: 1, tw: 1 };
  uniformEnds: boolean;
  private m: Model;
  private rng: Rng;
  private clients: LsNode[];
  private routes: LsRoute[];
  private order: Int32Array;
  private orderRoutes: Int32Array;
  private neighbours: Int32Array[];
  private nbMoves = 0;
  private searchCompleted = false;
  private loopID = 0;
  private b1: Builder;
  private b2: Builder;
  private tmp: Float64Array;
  private tmp2: Float64Array;
  private N: number;
  private dist: Float64Array;
  private dims: number;
  private useSwapStar: boolean;
  private nVeh: number;
  private exact: boolean; // timed or multi-trip: exact evaluation needed beyond the lower bound
  private multi: boolean;
  private hasAllowed: boolean;
  private polar: Int32Array;
  private emptyTypes: number[] = [];

  constructor(m: Model, rng: Rng, neighbours: Int32Array[]) {
    this.m = m;
    this.rng = rng;
    this.neighbours = neighbours;
    this.N = m.nLoc;
    this.dist = m.dist;
    this.dims = m.dims;
    this.nVeh = m.vehicles.length;
    this.exact = m.timed || m.multiTrip;
    this.multi = m.multiTrip;
    this.hasAllowed = !!m.allowed;
    const v0 = m.vehicles[0]!;
    this.uniformEnds = m.vehicles.every((v) => v.endLoc === v0.endLoc && v.shiftStart === v0.shiftStart && v.shiftEnd === v0.shiftEnd);
    this.useSwapStar =
      !m.timed && !m.multiTrip && !!m.x && m.vehicles.every((v) => v.costPerDistance === 1 && v.maxDistance === Number.POSITIVE_INFINITY);
    this.clients = [];
    for (let i = 0; i <= m.n; i++) {
      const nd = new LsNode(m.dims);
      nd.c = i;
      nd.loc = i > 0 ? m.loc[i]! : 0;
      this.clients.push(nd);
    }
    this.routes = [];
    for (let r = 0; r < m.vehicles.length; r++) {
      const route = new LsRoute(m.dims);
      route.idx = r;
      route.veh = m.vehicles[r]!;
      const s = new LsNode(m.dims);
      const e = new LsNode(m.dims);
      s.isDepot = e.isDepot = true;
      s.loc = route.veh.startLoc;
      e.loc = route.veh.endLoc;
      s.route = e.route = route;
      route.depot = s;
      route.end = e;
      this.routes.push(route);
    }
    this.order = new Int32Array(m.n);
    for (let i = 0; i < m.n; i++) this.order[i] = i + 1;
    this.orderRoutes = new Int32Array(m.vehicles.length);
    for (let i = 0; i < m.vehicles.length; i++) this.orderRoutes[i] = i;
    this.b1 = new Builder(m, this);
    this.b2 = new Builder(m, this);
    this.tmp = new Float64Array(m.dims);
    this.tmp2 = new Float64Array(m.dims);
    this.polar = new Int32Array(m.nLoc);
    this.polarTmp = new Int32Array(m.n + 1);
    if (m.x && m.y) {
      const v0loc = v0.startLoc;
      for (let i = 0; i < m.nLoc; i++) {
        const a = Math.atan2(m.y[i]! - m.y[v0loc]!, m.x[i]! - m.x[v0loc]!);
        this.polar[i] = positiveMod(Math.round((32768 * a) / Math.PI));
      }
    }
    // distinct vehicle types, for trying one empty route per type
    const seen = new Map<string, number>();
    for (const v of m.vehicles) {
      const key = `${v.startLoc}|${v.endLoc}|${Array.from(v.capacity).join(',')}|${v.shiftStart}|${v.shiftEnd}|${v.fixedCost}|${v.costPerDistance}|${v.costPerTime}|${[...v.skills].sort().join(',')}|${v.facilityLoc}|${v.maxDuration}|${v.maxDistance}`;
      if (!seen.has(key)) seen.set(key, seen.size);
    }
    this.typeOf = new Int32Array(m.vehicles.length);
    m.vehicles.forEach((v, i) => {
      const key = `${v.startLoc}|${v.endLoc}|${Array.from(v.capacity).join(',')}|${v.shiftStart}|${v.shiftEnd}|${v.fixedCost}|${v.costPerDistance}|${v.costPerTime}|${[...v.skills].sort().join(',')}|${v.facilityLoc}|${v.maxDuration}|${v.maxDistance}`;
      this.typeOf[i] = seen.get(key)!;
    });
    this.nTypes = seen.size;
    this.seenTypes = new Uint8Array(this.nTypes);
  }
  private typeOf: Int32Array;
  private nTypes: number;
  private seenTypes = new Uint8Array(0);

  private dn = (a: LsNode, b: LsNode): number => this.dist[a.loc * this.N + b.loc]!;
  private dll(a: number, b: number): number {
    return this.dist[a * this.N + b]!;
  }

  private allowed(c: number, r: LsRoute): boolean {
    return !this.hasAllowed || this.m.allowed![c * this.nVeh + r.idx] === 1;
  }

  /** Improves the routes in place. */
  run(routes: number[][], pen: Penalties): void {
    this.pen = pen;
    this.load(routes);
    this.rng.shuffle(this.order);
    this.rng.shuffle(this.orderRoutes);
    for (let i = 1; i <= this.m.n; i++) {
      if (this.rng.int(this.m.n) === 0) this.rng.shuffle(this.neighbours[i]!);
    }
    this.searchCompleted = false;
    this.loopID = 0;
    this.nbMoves++;
    for (const c of this.clients) c.whenLastTestedRI = -1;
    while (!this.searchCompleted) {
      if (this.loopID > 1) this.searchCompleted = true;
      for (let pu = 0; pu < this.m.n; pu++) {
        const u = this.clients[this.order[pu]!]!;
        const lastTested = u.whenLastTestedRI;
        u.whenLastTestedRI = this.nbMoves;
        const neigh = this.neighbours[u.c]!;
        for (let k = 0; k < neigh.length; k++) {
          const v = this.clients[neigh[k]!]!;
          if (this.loopID === 0 || Math.max(u.route.whenLastModified, v.route.whenLastModified) > lastTested) {
            if (this.tryAll(u, v)) continue;
            if (v.prev.isDepot) {
              const dv = v.prev;
              if (this.move1(u, dv) || this.move2(u, dv) || this.move3(u, dv)) continue;
              if (u.route !== dv.route && this.move9(u, dv)) continue;
            }
          }
        }
        if (this.loopID > 0) {
          this.collectEmptyTypes();
          for (const ri of this.emptyTypes) {
            const dv = this.routes[ri]!.depot;
            if (!this.allowed(u.c, dv.route)) continue;
            if (this.move1(u, dv) || this.move2(u, dv) || this.move3(u, dv) || this.move9(u, dv)) break;
          }
        }
      }
      if (this.useSwapStar) {
        for (let i = 0; i < this.orderRoutes.length; i++) {
          const ru = this.routes[this.orderRoutes[i]!]!;
          const lastTest = ru.whenLastTestedSWAPStar;
          ru.whenLastTestedSWAPStar = this.nbMoves;
          for (let j = 0; j < this.orderRoutes.length; j++) {
            const rv = this.routes[this.orderRoutes[j]!]!;
            if (
              ru.nbCustomers > 0 &&
              rv.nbCustomers > 0 &&
              ru.idx < rv.idx &&
              (this.loopID === 0 || Math.max(ru.whenLastModified, rv.whenLastModified) > lastTest) &&
              overlap(ru, rv)
            ) {
              this.swapStar(ru, rv);
            }
          }
        }
      }
      this.loopID++;
    }
    this.export(routes);
  }

  private collectEmptyTypes(): void {
    this.emptyTypes.length = 0;
    if (this.nTypes === 1) {
      for (let r = 0; r < this.routes.length; r++) {
        if (this.routes[r]!.nbCustomers === 0) {
          this.emptyTypes.push(r);
          return;
        }
      }
      return;
    }
    const seen = this.seenTypes;
    seen.fill(0);
    for (let r = 0; r < this.routes.length; r++) {
      const route = this.routes[r]!;
      if (route.nbCustomers === 0 && !seen[this.typeOf[r]!]) {
        seen[this.typeOf[r]!] = 1;
        this.emptyTypes.push(r);
      }
    }
  }

  private tryAll(u: LsNode, v: LsNode): boolean {
    if (this.move1(u, v) || this.move2(u, v) || this.move3(u, v)) return true;
    if (u.c <= v.c && this.move4(u, v)) return true;
    if (this.move5(u, v)) return true;
    if (u.c <= v.c && this.move6(u, v)) return true;
    if (u.route === v.route) {
      if (this.move7(u, v)) return true;
    } else if (this.move9(u, v)) return true;
    return false;
  }

  // ---------- load helpers ----------
  /** Excess of route r's load plus `plus` client(s) demand minus `minus` client(s). */
  private excessDelta(r: LsRoute, plus1: number, plus2: number, minus1: number, minus2: number): number {
    const m = this.m;
    const dims = this.dims;
    const t = this.tmp;
    for (let d = 0; d < dims; d++) {
      let l = r.load[d]!;
      if (plus1 > 0) l += m.demand[plus1 * dims + d]!;
      if (plus2 > 0) l += m.demand[plus2 * dims + d]!;
      if (minus1 > 0) l -= m.demand[minus1 * dims + d]!;
      if (minus2 > 0) l -= m.demand[minus2 * dims + d]!;
      t[d] = l;
    }
    return capExcess(t, r.veh.capacity, dims);
  }

  /** Lower bound on the new cost of a route (no time warp), from its new distance and load excess. */
  private lb(r: LsRoute, dist: number, excess: number, empty: boolean): number {
    if (empty) return 0;
    const v = r.veh;
    let c = v.fixedCost + v.costPerDistance * dist + this.pen.cap * excess;
    const dEx = dist - v.maxDistance;
    if (dEx > 0) c += this.pen.tw * dEx;
    return c;
  }

  // ---------- moves ----------
  /** Relocate u after v. */
  private move1(u: LsNode, v: LsNode): boolean {
    const x = u.next;
    const y = v.next;
    if (u === y || u === v) return false;
    const ru = u.route;
    const rv = v.route;
    if (ru !== rv && !this.allowed(u.c, rv)) return false;
    const pu = u.prev;
    const d = this.dn;
    const suppU = d(pu, x) - d(pu, u) - d(u, x);
    const suppV = d(v, u) + d(u, y) - d(v, y);
    if (ru !== rv) {
      if (!this.diffLB(ru, rv, suppU, suppV, 0, 0, u.c, 0, u.c, 0, 0, 0, ru.nbCustomers === 1, false)) return false;
      if (this.facMove || this.exact) {
        this.b1.begin(ru).prefix(pu).suffix(x);
        this.b2.begin(rv).prefix(v).node(u).suffix(y);
        if (!this.diffExact(ru, rv)) return false;
      }
    } else {
      if (!this.sameLB(ru, suppU + suppV)) return false;
      if (this.facMove || this.exact) {
        const b = this.b1.begin(ru);
        if (u.pos < v.pos) b.prefix(pu).range(x, v).node(u).suffix(y);
        else b.prefix(v).node(u).range(y, pu).suffix(x);
        if (!this.sameExact(ru)) return false;
      }
    }
    this.insertNode(u, v);
    this.nbMoves++;
    this.update(ru);
    if (ru !== rv) this.update(rv);
    return true;
  }

  /** Relocate (u, x) after v. */
  private move2(u: LsNode, v: LsNode): boolean {
    const x = u.next;
    if (x.isDepot) return false;
    const y = v.next;
    const xn = x.next;
    if (v === x || u === y || v === u) return false;
    const ru = u.route;
    const rv = v.route;
    if (ru !== rv && (!this.allowed(u.c, rv) || !this.allowed(x.c, rv))) return false;
    const pu = u.prev;
    const d = this.dn;
    const suppU = d(pu, xn) - d(pu, u) - d(x, xn);
    const suppV = d(v, u) + d(x, y) - d(v, y);
    if (ru !== rv) {
      if (!this.diffLB(ru, rv, suppU, suppV, 0, 0, u.c, x.c, u.c, x.c, 0, 0, ru.nbCustomers === 2, false)) return false;
      if (this.facMove || this.exact) {
        this.b1.begin(ru).prefix(pu).suffix(xn);
        this.b2.begin(rv).prefix(v).node(u).node(x).suffix(y);
        if (!this.diffExact(ru, rv)) return false;
      }
    } else {
      if (!this.sameLB(ru, suppU + suppV)) return false;
      if (this.facMove || this.exact) {
        const b = this.b1.begin(ru);
        if (u.pos < v.pos) b.prefix(pu).range(xn, v).node(u).node(x).suffix(y);
        else b.prefix(v).node(u).node(x).range(y, pu).suffix(xn);
        if (!this.sameExact(ru)) return false;
      }
    }
    this.insertNode(u, v);
    this.insertNode(x, u);
    this.nbMoves++;
    this.update(ru);
    if (ru !== rv) this.update(rv);
    return true;
  }

  /** Relocate (u, x) after v as (x, u). */
  private move3(u: LsNode, v: LsNode): boolean {
    const x = u.next;
    if (x.isDepot) return false;
    const y = v.next;
    const xn = x.next;
    if (v === x || u === y || v === u) return false;
    const ru = u.route;
    const rv = v.route;
    if (ru !== rv && (!this.allowed(u.c, rv) || !this.allowed(x.c, rv))) return false;
    const pu = u.prev;
    const d = this.dn;
    const suppU = d(pu, xn) - d(pu, u) - d(u, x) - d(x, xn);
    const suppV = d(v, x) + d(x, u) + d(u, y) - d(v, y);
    if (ru !== rv) {
      if (!this.diffLB(ru, rv, suppU, suppV, 0, 0, u.c, x.c, u.c, x.c, 0, 0, ru.nbCustomers === 2, false)) return false;
      if (this.facMove || this.exact) {
        this.b1.begin(ru).prefix(pu).suffix(xn);
        this.b2.begin(rv).prefix(v).node(x).node(u).suffix(y);
        if (!this.diffExact(ru, rv)) return false;
      }
    } else {
      if (!this.sameLB(ru, suppU + suppV)) return false;
      if (this.facMove || this.exact) {
        const b = this.b1.begin(ru);
        if (u.pos < v.pos) b.prefix(pu).range(xn, v).node(x).node(u).suffix(y);
        else b.prefix(v).node(x).node(u).range(y, pu).suffix(xn);
        if (!this.sameExact(ru)) return false;
      }
    }
    this.insertNode(x, v);
    this.insertNode(u, x);
    this.nbMoves++;
    this.update(ru);
    if (ru !== rv) this.update(rv);
    return true;
  }

  /** Swap u and v. */
  private move4(u: LsNode, v: LsNode): boolean {
    const x = u.next;
    const y = v.next;
    const pu = u.prev;
    const pv = v.prev;
    if (u === v || u === pv || u === y || v.isDepot) return false;
    const ru = u.route;
    const rv = v.route;
    if (ru !== rv && (!this.allowed(u.c, rv) || !this.allowed(v.c, ru))) return false;
    const d = this.dn;
    const suppU = d(pu, v) + d(v, x) - d(pu, u) - d(u, x);
    const suppV = d(pv, u) + d(u, y) - d(pv, v) - d(v, y);
    if (ru !== rv) {
      if (!this.diffLB(ru, rv, suppU, suppV, v.c, 0, u.c, 0, u.c, 0, v.c, 0, false, false)) return false;
      if (this.facMove || this.exact) {
        this.b1.begin(ru).prefix(pu).node(v).suffix(x);
        this.b2.begin(rv).prefix(pv).node(u).suffix(y);
        if (!this.diffExact(ru, rv)) return false;
      }
    } else {
      if (!this.sameLB(ru, suppU + suppV)) return false;
      if (this.facMove || this.exact) {
        const b = this.b1.begin(ru);
        if (u.pos < v.pos) b.prefix(pu).node(v).range(x, pv).node(u).suffix(y);
        else b.prefix(pv).node(u).range(y, pu).node(v).suffix(x);
        if (!this.sameExact(ru)) return false;
      }
    }
    this.swapNode(u, v);
    this.nbMoves++;
    this.update(ru);
    if (ru !== rv) this.update(rv);
    return true;
  }

  /** Swap (u, x) and v. */
  private move5(u: LsNode, v: LsNode): boolean {
    const x = u.next;
    const y = v.next;
    const pu = u.prev;
    const pv = v.prev;
    if (x.isDepot || v.isDepot || u === v || x === v || u === pv || x === pv || u === y) return false;
    const xn = x.next;
    const ru = u.route;
    const rv = v.route;
    if (ru !== rv && (!this.allowed(u.c, rv) || !this.allowed(x.c, rv) || !this.allowed(v.c, ru))) return false;
    const d = this.dn;
    const suppU = d(pu, v) + d(v, xn) - d(pu, u) - d(x, xn);
    const suppV = d(pv, u) + d(x, y) - d(pv, v) - d(v, y);
    if (ru !== rv) {
      if (!this.diffLB(ru, rv, suppU, suppV, v.c, 0, u.c, x.c, u.c, x.c, v.c, 0, false, false)) return false;
      if (this.facMove || this.exact) {
        this.b1.begin(ru).prefix(pu).node(v).suffix(xn);
        this.b2.begin(rv).prefix(pv).node(u).node(x).suffix(y);
        if (!this.diffExact(ru, rv)) return false;
      }
    } else {
      if (!this.sameLB(ru, suppU + suppV)) return false;
      if (this.facMove || this.exact) {
        const b = this.b1.begin(ru);
        if (u.pos < v.pos) b.prefix(pu).node(v).range(xn, pv).node(u).node(x).suffix(y);
        else b.prefix(pv).node(u).node(x).range(y, pu).node(v).suffix(xn);
        if (!this.sameExact(ru)) return false;
      }
    }
    this.swapNode(u, v);
    this.insertNode(x, u);
    this.nbMoves++;
    this.update(ru);
    if (ru !== rv) this.update(rv);
    return true;
  }

  /** Swap (u, x) and (v, y). */
  private move6(u: LsNode, v: LsNode): boolean {
    const x = u.next;
    const y = v.next;
    const pu = u.prev;
    const pv = v.prev;
    if (x.isDepot || y.isDepot || v.isDepot || u === v || y === pu || u === y || x === v || v === x.next) return false;
    const xn = x.next;
    const yn = y.next;
    const ru = u.route;
    const rv = v.route;
    if (ru !== rv && (!this.allowed(u.c, rv) || !this.allowed(x.c, rv) || !this.allowed(v.c, ru) || !this.allowed(y.c, ru))) return false;
    const d = this.dn;
    const suppU = d(pu, v) + d(y, xn) - d(pu, u) - d(x, xn) + d(v, y) - d(u, x);
    const suppV = d(pv, u) + d(x, yn) - d(pv, v) - d(y, yn) + d(u, x) - d(v, y);
    if (ru !== rv) {
      if (!this.diffLB(ru, rv, suppU, suppV, v.c, y.c, u.c, x.c, u.c, x.c, v.c, y.c, false, false)) return false;
      if (this.facMove || this.exact) {
        this.b1.begin(ru).prefix(pu).node(v).node(y).suffix(xn);
        this.b2.begin(rv).prefix(pv).node(u).node(x).suffix(yn);
        if (!this.diffExact(ru, rv)) return false;
      }
    } else {
      if (!this.sameLB(ru, suppU + suppV)) return false;
      if (this.facMove || this.exact) {
        const b = this.b1.begin(ru);
        if (u.pos < v.pos) b.prefix(pu).node(v).node(y).range(xn, pv).node(u).node(x).suffix(yn);
        else b.prefix(pv).node(u).node(x).range(yn, pu).node(v).node(y).suffix(xn);
        if (!this.sameExact(ru)) return false;
      }
    }
    this.swapNode(u, v);
    this.swapNode(x, y);
    this.nbMoves++;
    this.update(ru);
    if (ru !== rv) this.update(rv);
    return true;
  }

  /** 2-opt within a route: reverse x..v. */
  private move7(u: LsNode, v: LsNode): boolean {
    if (u.pos > v.pos) return false;
    const x = u.next;
    const y = v.next;
    if (x === v || v.isDepot) return false;
    const ru = u.route;
    const d = this.dn;
    const delta = d(u, v) + d(x, y) - d(u, x) - d(v, y) + v.cumRev - x.cumRev;
    if (!this.sameLB(ru, delta)) return false;
    if (this.facMove || this.exact) {
      this.b1.begin(ru).prefix(u).rangeRev(v, x).suffix(y);
      if (!this.sameExact(ru)) return false;
    }
    // reverse x..v
    let nodeNum = x.next;
    x.prev = nodeNum;
    x.next = y;
    while (nodeNum !== v) {
      const temp = nodeNum.next;
      nodeNum.next = nodeNum.prev;
      nodeNum.prev = temp;
      nodeNum = temp;
    }
    v.next = v.prev;
    v.prev = u;
    u.next = v;
    y.prev = x;
    this.nbMoves++;
    this.update(ru);
    return true;
  }

  /** 2-opt*: (start_U..u, y..end_V) and (start_V..v, x..end_U), with the ends kept by each vehicle. */
  private move9(u: LsNode, v: LsNode): boolean {
    const ru = u.route;
    const rv = v.route;
    if (ru === rv) return false;
    const x = u.next;
    const y = v.next;
    if (u.isDepot && v.isDepot) return false;
    if (this.hasAllowed) {
      for (let p = y; !p.isDepot; p = p.next) if (!this.allowed(p.c, ru)) return false;
      for (let p = x; !p.isDepot; p = p.next) if (!this.allowed(p.c, rv)) return false;
    }
    const dims = this.dims;
    const _N = this.N;
    const leadY = y.isDepot ? ru.end.loc : y.loc;
    const leadX = x.isDepot ? rv.end.loc : x.loc;
    const sufY = y.isDepot ? 0 : rv.dist - y.cumDist - this.dll(rv.end.prev.loc, rv.end.loc) + this.dll(rv.end.prev.loc, ru.end.loc);
    const sufX = x.isDepot ? 0 : ru.dist - x.cumDist - this.dll(ru.end.prev.loc, ru.end.loc) + this.dll(ru.end.prev.loc, rv.end.loc);
    const newDistU = u.cumDist + this.dll(u.loc, leadY) + sufY;
    const newDistV = v.cumDist + this.dll(v.loc, leadX) + sufX;
    const emptyU0 = u.isDepot && y.isDepot;
    const emptyV0 = v.isDepot && x.isDepot;
    if (
      !(this.multi && (ru.veh.facilityLoc >= 0 || rv.veh.facilityLoc >= 0)) &&
      this.lb(ru, newDistU, 0, emptyU0) + this.lb(rv, newDistV, 0, emptyV0) - ru.cost - rv.cost > -1e-6
    )
      return false;
    const t1 = this.tmp;
    const t2 = this.tmp2;
    for (let d = 0; d < dims; d++) {
      t1[d] = u.cumLoad[d]! + rv.load[d]! - v.cumLoad[d]!;
      t2[d] = v.cumLoad[d]! + ru.load[d]! - u.cumLoad[d]!;
    }
    const emptyU = u.isDepot && y.isDepot;
    const emptyV = v.isDepot && x.isDepot;
    if (this.multi && (ru.veh.facilityLoc >= 0 || rv.veh.facilityLoc >= 0)) {
      const nu = this.b1.begin(ru).prefix(u).suffix(y).cost(0, 0, emptyU);
      const nv = this.b2.begin(rv).prefix(v).suffix(x).cost(0, 0, emptyV);
      if (nu + nv - ru.cost - rv.cost > -1e-6) return false;
    } else {
      const exU = capExcess(t1, ru.veh.capacity, dims);
      const exV = capExcess(t2, rv.veh.capacity, dims);
      if (this.lb(ru, newDistU, exU, emptyU) + this.lb(rv, newDistV, exV, emptyV) - ru.cost - rv.cost > -1e-6) return false;
      if (this.exact) {
        const nu = this.b1.begin(ru).prefix(u).suffix(y).cost(newDistU, exU, emptyU);
        const nv = this.b2.begin(rv).prefix(v).suffix(x).cost(newDistV, exV, emptyV);
        if (nu + nv - ru.cost - rv.cost > -1e-6) return false;
      }
    }
    // apply: u -> y..endV's customers, v -> x..endU's customers
    const endU = ru.end;
    const endV = rv.end;
    const lastU = endU.prev;
    const lastV = endV.prev;
    // detach tails
    const tailU = x.isDepot ? null : x;
    const tailV = y.isDepot ? null : y;
    if (tailV) {
      u.next = tailV;
      tailV.prev = u;
      lastV.next = endU;
      endU.prev = lastV;
    } else {
      u.next = endU;
      endU.prev = u;
    }
    if (tailU) {
      v.next = tailU;
      tailU.prev = v;
      lastU.next = endV;
      endV.prev = lastU;
    } else {
      v.next = endV;
      endV.prev = v;
    }
    for (let p = u.next; !p.isDepot; p = p.next) p.route = ru;
    for (let p = v.next; !p.isDepot; p = p.next) p.route = rv;
    this.nbMoves++;
    this.update(ru);
    this.update(rv);
    return true;
  }

  private facMove = false;
  private mExU = 0;
  private mExV = 0;
  private mDU = 0;
  private mDV = 0;
  private mEmptyU = false;
  private mEmptyV = false;

  /** Cheap screen for a move between two routes (distance and load only); true = look closer. */
  private diffLB(
    ru: LsRoute,
    rv: LsRoute,
    suppU: number,
    suppV: number,
    plusU1: number,
    plusU2: number,
    minusU1: number,
    minusU2: number,
    plusV1: number,
    plusV2: number,
    minusV1: number,
    minusV2: number,
    emptyU: boolean,
    emptyV: boolean,
  ): boolean {
    this.mEmptyU = emptyU;
    this.mEmptyV = emptyV;
    if (this.multi && (ru.veh.facilityLoc >= 0 || rv.veh.facilityLoc >= 0)) {
      this.facMove = true;
      return true;
    }
    this.facMove = false;
    const dU = ru.dist + suppU;
    const dV = rv.dist + suppV;
    const base = this.lb(ru, dU, 0, emptyU) + this.lb(rv, dV, 0, emptyV) - ru.cost - rv.cost;
    if (base > -1e-6) return false;
    const exU = this.excessDelta(ru, plusU1, plusU2, minusU1, minusU2);
    const exV = this.excessDelta(rv, plusV1, plusV2, minusV1, minusV2);
    if (base + (emptyU ? 0 : this.pen.cap * exU) + (emptyV ? 0 : this.pen.cap * exV) > -1e-6) return false;
    this.mExU = exU;
    this.mExV = exV;
    this.mDU = dU;
    this.mDV = dV;
    return true;
  }

  /** Exact test after b1/b2 were built for the two new routes. */
  private diffExact(ru: LsRoute, rv: LsRoute): boolean {
    const nu = this.b1.cost(this.mDU, this.mExU, this.mEmptyU);
    const nv = this.b2.cost(this.mDV, this.mExV, this.mEmptyV);
    return nu + nv - ru.cost - rv.cost < -1e-6;
  }

  private sameLB(r: LsRoute, delta: number): boolean {
    if (this.multi && r.veh.facilityLoc >= 0) {
      this.facMove = true;
      return true;
    }
    this.facMove = false;
    this.mDU = r.dist + delta;
    return this.lb(r, this.mDU, r.excess, false) - r.cost < -1e-6;
  }

  private sameExact(r: LsRoute): boolean {
    return this.b1.cost(this.mDU, r.excess, false) - r.cost < -1e-6;
  }

  // ---------- SWAP* (Vidal 2022) ----------
  private bestIns: { cost: Float64Array; pos: LsNode[]; when: number }[] = [];
  private insCost = 0;
  private insPos!: LsNode;

  private preprocessInsertions(r1: LsRoute, r2: LsRoute): void {
    const d = this.dn;
    for (let u = r1.depot.next; !u.isDepot; u = u.next) {
      let bi = this.bestIns[u.c * this.nVeh + r2.idx];
      if (!bi) {
        bi = { cost: new Float64Array(3), pos: [r2.depot, r2.depot, r2.depot], when: -1 };
        this.bestIns[u.c * this.nVeh + r2.idx] = bi;
      }
      // removal delta of u from r1
      u.del = d(u.prev, u.next) - d(u.prev, u) - d(u, u.next);
      if (bi.when >= r2.whenLastModified) continue;
      bi.when = this.nbMoves;
      bi.cost.fill(1e30);
      for (let v = r2.depot; !v.isDepot || v === r2.depot; v = v.next) {
        const cost = d(v, u) + d(u, v.next) - d(v, v.next);
        if (cost < bi.cost[2]!) {
          if (cost < bi.cost[1]!) {
            bi.cost[2] = bi.cost[1]!;
            bi.pos[2] = bi.pos[1]!;
            if (cost < bi.cost[0]!) {
              bi.cost[1] = bi.cost[0]!;
              bi.pos[1] = bi.pos[0]!;
              bi.cost[0] = cost;
              bi.pos[0] = v;
            } else {
              bi.cost[1] = cost;
              bi.pos[1] = v;
            }
          } else {
            bi.cost[2] = cost;
            bi.pos[2] = v;
          }
        }
        if (v.next.isDepot) break;
      }
    }
  }

  /** Cheapest insertion of u into v's route with v removed (uses the top-3 cache). */
  private bestInsertWithout(u: LsNode, v: LsNode, rv: LsRoute): void {
    const d = this.dn;
    const bi = this.bestIns[u.c * this.nVeh + rv.idx]!;
    let bestCost = 1e30;
    let bestPos: LsNode = rv.depot;
    for (let k = 0; k < 3; k++) {
      const p = bi.pos[k]!;
      if (bi.cost[k]! < 1e29 && p !== v && p.next !== v) {
        bestCost = bi.cost[k]!;
        bestPos = p;
        break;
      }
    }
    // inserting in place of v
    const c = d(v.prev, u) + d(u, v.next) - d(v.prev, v.next);
    if (c < bestCost) {
      bestCost = c;
      bestPos = v.prev;
    }
    this.insCost = bestCost;
    this.insPos = bestPos;
  }

  private swapStar(r1: LsRoute, r2: LsRoute): boolean {
    if (this.hasAllowed) return false;
    this.preprocessInsertions(r1, r2);
    this.preprocessInsertions(r2, r1);
    const dims = this.dims;
    const m = this.m;
    let best = 0;
    let bu: LsNode | null = null;
    let bv: LsNode | null = null;
    let bpu: LsNode | null = null;
    let bpv: LsNode | null = null;
    const t1 = this.tmp;
    const t2 = this.tmp2;
    for (let u = r1.depot.next; !u.isDepot; u = u.next) {
      const delU = u.del;
      for (let v = r2.depot.next; !v.isDepot; v = v.next) {
        const delV = v.del;
        for (let d = 0; d < dims; d++) {
          t1[d] = r1.load[d]! - m.demand[u.c * dims + d]! + m.demand[v.c * dims + d]!;
          t2[d] = r2.load[d]! + m.demand[u.c * dims + d]! - m.demand[v.c * dims + d]!;
        }
        const exU = capExcess(t1, r1.veh.capacity, dims);
        const exV = capExcess(t2, r2.veh.capacity, dims);
        const penDelta =
          this.pen.cap * (exU - capExcess(r1.load, r1.veh.capacity, dims)) +
          this.pen.cap * (exV - capExcess(r2.load, r2.veh.capacity, dims));
        // quick filter
        if (penDelta + delU + delV >= 0) continue;
        this.bestInsertWithout(u, v, r2);
        const cu = this.insCost;
        const pu = this.insPos;
        this.bestInsertWithout(v, u, r1);
        const delta = penDelta + delU + delV + cu + this.insCost;
        if (delta < best - 1e-6) {
          best = delta;
          bu = u;
          bv = v;
          bpu = pu;
          bpv = this.insPos;
        }
      }
    }
    // relocations of one node only (as in HGS-CVRP)
    for (let u = r1.depot.next; !u.isDepot; u = u.next) {
      const delU = u.del;
      const bi = this.bestIns[u.c * this.nVeh + r2.idx]!;
      for (let d = 0; d < dims; d++) {
        t1[d] = r1.load[d]! - m.demand[u.c * dims + d]!;
        t2[d] = r2.load[d]! + m.demand[u.c * dims + d]!;
      }
      const penDelta =
        this.pen.cap * (capExcess(t1, r1.veh.capacity, dims) - capExcess(r1.load, r1.veh.capacity, dims)) +
        this.pen.cap * (capExcess(t2, r2.veh.capacity, dims) - capExcess(r2.load, r2.veh.capacity, dims));
      const delta = penDelta + delU + bi.cost[0]! + (r1.nbCustomers === 1 ? -r1.veh.fixedCost : 0);
      if (delta < best - 1e-6) {
        best = delta;
        bu = u;
        bv = null;
        bpu = bi.pos[0]!;
        bpv = null;
      }
    }
    for (let v = r2.depot.next; !v.isDepot; v = v.next) {
      const delV = v.del;
      const bi = this.bestIns[v.c * this.nVeh + r1.idx]!;
      for (let d = 0; d < dims; d++) {
        t1[d] = r1.load[d]! + m.demand[v.c * dims + d]!;
        t2[d] = r2.load[d]! - m.demand[v.c * dims + d]!;
      }
      const penDelta =
        this.pen.cap * (capExcess(t1, r1.veh.capacity, dims) - capExcess(r1.load, r1.veh.capacity, dims)) +
        this.pen.cap * (capExcess(t2, r2.veh.capacity, dims) - capExcess(r2.load, r2.veh.capacity, dims));
      const delta = penDelta + delV + bi.cost[0]! + (r2.nbCustomers === 1 ? -r2.veh.fixedCost : 0);
      if (delta < best - 1e-6) {
        best = delta;
        bu = null;
        bv = v;
        bpu = null;
        bpv = bi.pos[0]!;
      }
    }
    if (best > -1e-6) return false;
    if (bu && bpu) this.insertNode(bu, bpu);
    if (bv && bpv) this.insertNode(bv, bpv);
    this.nbMoves++;
    this.update(r1);
    this.update(r2);
    return true;
  }

  // ---------- structure ----------
  private insertNode(u: LsNode, after: LsNode): void {
    u.prev.next = u.next;
    u.next.prev = u.prev;
    after.next.prev = u;
    u.prev = after;
    u.next = after.next;
    after.next = u;
    u.route = after.route;
  }

  private swapNode(u: LsNode, v: LsNode): void {
    const pu = u.prev;
    const nu = u.next;
    const pv = v.prev;
    const nv = v.next;
    const ru = u.route;
    const rv = v.route;
    pu.next = v;
    nu.prev = v;
    pv.next = u;
    nv.prev = u;
    u.prev = pv;
    u.next = nv;
    v.prev = pu;
    v.next = nu;
    u.route = rv;
    v.route = ru;
  }

  private update(r: LsRoute): void {
    const m = this.m;
    const dims = this.dims;
    const N = this.N;
    const v = r.veh;
    let p = r.depot;
    p.pos = 0;
    p.cumDist = 0;
    p.cumRev = 0;
    p.cumLoad.fill(0);
    p.pD = 0;
    p.pT = 0;
    p.pE = v.shiftStart;
    p.pL = v.shiftEnd;
    let pos = 0;
    let minPolar = 1e9;
    let maxPolar = -1e9;
    const seg = this.segTmp;
    seg.set(0, 0, v.shiftStart, v.shiftEnd);
    const polarBuf = this.polarTmp;
    let np = 0;
    while (true) {
      const q = p.next;
      pos++;
      q.pos = pos;
      q.route = r;
      q.cumDist = p.cumDist + this.dist[p.loc * N + q.loc]!;
      q.cumRev = p.cumRev + this.dist[q.loc * N + p.loc]! - this.dist[p.loc * N + q.loc]!;
      for (let d = 0; d < dims; d++) q.cumLoad[d] = p.cumLoad[d]! + (q.isDepot ? 0 : m.demand[q.c * dims + d]!);
      if (this.exact) {
        if (q.isDepot) seg.merge(m.time[p.loc * N + q.loc]!, 0, 0, v.shiftStart, v.shiftEnd);
        else seg.merge(m.time[p.loc * N + q.loc]!, m.service[q.c]!, 0, m.twEarly[q.c]!, m.twLate[q.c]!);
        q.pD = seg.dur;
        q.pT = seg.tw;
        q.pE = seg.e;
        q.pL = seg.l;
      }
      if (this.useSwapStar && !q.isDepot) polarBuf[np++] = this.polar[q.loc]!;
      if (q.isDepot) break;
      p = q;
    }
    const end = r.end;
    r.nbCustomers = pos - 1;
    r.dist = end.cumDist;
    for (let d = 0; d < dims; d++) r.load[d] = end.cumLoad[d]!;
    // suffixes
    if (this.exact) {
      end.sD = 0;
      end.sT = 0;
      end.sE = v.shiftStart;
      end.sL = v.shiftEnd;
      for (let q = end.prev; ; q = q.prev) {
        const nx = q.next;
        // segment(q) + suffix(nx)
        if (q.isDepot) seg.set(0, 0, v.shiftStart, v.shiftEnd);
        else seg.set(m.service[q.c]!, 0, m.twEarly[q.c]!, m.twLate[q.c]!);
        seg.merge(m.time[q.loc * N + nx.loc]!, nx.sD, nx.sT, nx.sE, nx.sL);
        q.sD = seg.dur;
        q.sT = seg.tw;
        q.sE = seg.e;
        q.sL = seg.l;
        if (q.isDepot) break;
      }
    }
    // cost
    if (r.nbCustomers === 0) r.cost = 0;
    else if (this.multi && v.facilityLoc >= 0) {
      this.b1.begin(r).prefix(r.depot).suffix(r.depot.next);
      r.cost = this.b1.cost(0, 0, false);
    } else {
      const ex = capExcess(r.load, v.capacity, dims);
      r.excess = ex;
      r.cost = this.exact ? penalisedCost(v, this.pen, r.dist, end.pD, ex, end.pT) : this.lb(r, r.dist, ex, false);
    }
    if (np > 0) {
      // smallest circular sector covering all polar angles
      const polars = polarBuf.subarray(0, np);
      polars.sort();
      let bestGap = -1;
      let gi = 0;
      for (let i = 0; i < polars.length; i++) {
        const a = polars[i]!;
        const b = i + 1 < polars.length ? polars[i + 1]! : polars[0]! + 65536;
        if (b - a > bestGap) {
          bestGap = b - a;
          gi = i;
        }
      }
      minPolar = polars[(gi + 1) % polars.length]!;
      maxPolar = polars[gi]!;
      r.polarStart = minPolar;
      r.polarEnd = maxPolar;
    }
    r.whenLastModified = this.nbMoves;
  }
  private segTmp = new Seg();
  private polarTmp = new Int32Array(0);

  private load(routes: number[][]): void {
    for (let r = 0; r < this.routes.length; r++) {
      const route = this.routes[r]!;
      const list = routes[r] ?? [];
      let p = route.depot;
      for (const c of list) {
        const nd = this.clients[c]!;
        nd.prev = p;
        p.next = nd;
        nd.route = route;
        p = nd;
      }
      p.next = route.end;
      route.end.prev = p;
      route.whenLastTestedSWAPStar = -1;
      this.update(route);
    }
  }

  private export(routes: number[][]): void {
    for (let r = 0; r < this.routes.length; r++) {
      const list: number[] = [];
      for (let p = this.routes[r]!.depot.next; !p.isDepot; p = p.next) list.push(p.c);
      routes[r] = list;
    }
  }
}

function positiveMod(i: number): number {
  return ((i % 65536) + 65536) % 65536;
}

function overlap(a: LsRoute, b: LsRoute): boolean {
  // sectors [start, end] on the circle of 65536
  const inSector = (s: number, e: number, x: number) => positiveMod(x - s) <= positiveMod(e - s);
  return inSector(a.polarStart, a.polarEnd, b.polarStart) || inSector(b.polarStart, b.polarEnd, a.polarStart);
}
