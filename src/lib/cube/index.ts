/**
 * The filter cube's public surface: build it once per extract (after the load), answer filtered
 * requests from it with computeMetrics' options and rows, drop it when the extract goes.
 */
export { buildCube, dropCube, type Cube } from './build';
export { answerFromCube, type CubeRequest } from './answer';
