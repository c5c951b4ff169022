/**
 * The filter cube's public surface: build it once per extract (after the load), answer filtered
 * requests from it with computeMetrics' options and rows, drop it when the extract goes. The
 * session attaches the built cube to its engine; the rows query answers from it when it covers
 * the request.
 */
export { buildCube, dropCube, type Cube, type CubeStep } from './build';
export { answerFromCube, type CubeRequest } from './answer';
export { attachCube, attachedCube, cubeCovers, detachCube } from './attached';
