// The archive domain's public surface for other domains (numbering, the document workflow).
export { assertClassificationUsable, classificationAncestors, findClassification, getClassification, type ClassificationRow } from './getClassification.js';
export { jraLabel, DISPOSITIONS, type Disposition } from './classificationCode.js';
