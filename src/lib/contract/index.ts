export { AGENCIES, AGENCY_ALIASES, type Agency } from './agencies';
export { METRIC_IDS } from './metric-ids';
export {
  TABLES,
  TABLE_NAMES,
  tableSpec,
  sqlType,
  normaliseName,
  type FieldKind,
  type FieldSpec,
  type TableName,
  type TableSpec
} from './tables';
export { contractMarkdown, templateCsv } from './docs';
