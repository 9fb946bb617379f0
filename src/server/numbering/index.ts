// The numbering domain's public surface for other domains (the document workflow).
export { allocateNumber, type AllocateNumberInput } from './allocateNumber.js';
export { attachReservedNumber, findReservedEntry, type NumberEntryRow } from './attachReservedNumber.js';
export { cancelNumber } from './cancelNumber.js';
export { getNumberingMode } from './numberingSettings.js';
export { DEFAULT_NUMBER_FORMAT, formatNumber, romanMonth, validateFormat, type NumberValues } from './numberFormat.js';
export type { NumberEntryStatus } from './schema.js';
