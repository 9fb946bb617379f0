// The archive domain's public surface for other domains (numbering, the document workflow).
export { assertClassificationUsable, classificationAncestors, findClassification, getClassification, type ClassificationRow } from './getClassification.js';
export { jraLabel, DISPOSITIONS, type Disposition } from './classificationCode.js';
// Records: other domains declare their completed naskah (incoming when registered, service
// tickets when closed) with declareRecord, inside their own transaction.
export { declareRecord, type DeclareRecordInput } from './declareRecord.js';
export type { RecordFile } from './schema.js';
// The home page counts the destruction proposals a panitia member has still to assess.
export { countDisposalsToAssess, countDisposalsForHead } from './disposal.js';
