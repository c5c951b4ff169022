/**
 * The metrics module's public surface: one registry of measures (metrics.md) and the functions that
 * compute rows, show a metric's SQL and list the ids behind a point.
 */
export { METRICS, SPEC_METRICS, metricById } from './registry';
export { computeMetrics, metricSql, metricItems, sortRows, AsOfError } from './compute';
export type { ComputeOptions, ComputeResult } from './compute';
export { availableDimensions, isChildDimension } from './sql-blocks';
export { cliDocument, publicationDocument, type CliDocument, type PublicationDocument } from './cli-document';
export type {
  MetricDef,
  MetricRow,
  MetricFilters,
  Grain,
  Polarity,
  Unit,
  Section,
  Dimension,
  ChildDimension,
  ItemDimension,
  TableName
} from './types';
export { CHILD_DIMENSIONS } from './types';
