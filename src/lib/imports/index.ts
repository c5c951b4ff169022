/** Imports of the CIN census and Ofsted Annex A (imports.md). Browser-safe. */
export { importFiles, importReportJson, isImportCandidate, type ImportInput, type ImportOptions, type ImportResult } from './import-files';
export { PassphraseError, readPassphrase } from './pseudonym';
export { notInSource, recordedFields, MEASURE_FIELDS, type MetricNotInSource } from './not-recorded';
export { tableCsv } from './table-builder';
export type { ImportReport, ImportProblem, ImportedTable, SourceReport } from './types';
