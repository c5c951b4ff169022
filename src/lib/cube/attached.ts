/**
 * Which cube belongs to which engine: the session attaches a cube once it is built for the extract
 * on that engine, and the rows query (present/queries.ts fetchRows) reads it from there. An engine
 * holds one extract, so a cube attached to it stays valid until the engine ends (a replaced extract
 * comes with a new engine) or the cube is detached.
 */
import type { Engine } from '../engine/types';
import { METRICS } from '../metrics/registry';
import type { Cube } from './build';
import type { CubeRequest } from './answer';

const attached = new WeakMap<Engine, Cube>();

export function attachCube(engine: Engine, cube: Cube): void {
  attached.set(engine, cube);
}

export function detachCube(engine: Engine): Cube | null {
  const cube = attached.get(engine) ?? null;
  attached.delete(engine);
  return cube;
}

export function attachedCube(engine: Engine): Cube | null {
  return attached.get(engine) ?? null;
}

/**
 * True when the cube answers `req` exactly as the direct SQL does: at the cube's as-of date (a
 * request without one is at the extract's latest date, the date the cube is built at), every filter
 * a period range or a dimension the cube holds, every breakdown one it holds, every metric either in
 * the cube or absent from the extract (no rows either way).
 */
export function cubeCovers(cube: Cube, req: CubeRequest & { asOf?: string }): boolean {
  if (req.asOf !== undefined && req.asOf !== cube.asOf) return false;
  const held = new Set<string>();
  for (const at of cube.byMetric.values()) for (const d of at.cube.dims) held.add(d);
  for (const [k, v] of Object.entries(req.filters ?? {})) {
    if (v === undefined || v === null || k === 'from' || k === 'to') continue;
    if (!held.has(k)) return false;
  }
  if (Array.isArray(req.breakdowns) && !req.breakdowns.every((d) => held.has(d))) return false;
  const ids = req.ids ?? METRICS.map((m) => m.id);
  return ids.every((id) => cube.byMetric.has(id) || !METRICS.some((m) => m.id === id && m.tables.every((t) => cube.present.has(t))));
}
