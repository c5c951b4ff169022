/**
 * Which cube belongs to which engine: the session attaches a cube once it is built for the extract
 * on that engine, and the rows query (present/queries.ts fetchRows) reads it from there. An engine
 * holds one extract, so a cube attached to it stays valid until the engine ends (a replaced extract
 * comes with a new engine) or the cube is detached.
 */
import type { Engine } from '../engine/types';
import { breakdownsFor, selectDefs } from '../metrics/compute';
import type { Cube } from './build';
import { coveringView, neededDimensions, type CubeRequest } from './answer';

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
 * request without one is at the extract's latest date, the date the cube is built at), and for every
 * metric asked for either no rows (its tables are not in the extract, as the direct SQL) or a view
 * of its cube holding every dimension the request filters or breaks it down by (a cube built without
 * its full tables holds the page filters with one breakdown at a time: build.ts).
 */
export function cubeCovers(cube: Cube, req: CubeRequest & { asOf?: string }): boolean {
  if (req.asOf !== undefined && req.asOf !== cube.asOf) return false;
  for (const def of selectDefs(req)) {
    const at = cube.byMetric.get(def.id);
    if (!at) {
      if (def.tables.every((t) => cube.present.has(t))) return false; // in the extract, not in the cube
      continue;
    }
    const bds = breakdownsFor(def, cube.hasChildren, req.breakdowns);
    if (!coveringView(at.cube.views, neededDimensions(def, cube.hasChildren, req.filters, bds))) return false;
  }
  return true;
}
