// The disposition domain's public surface and wiring (routes, the due-date job, presets at start).
import { addLetterVisibilityRule } from '../incoming/index.js';
import { inTree } from './queries.js';

export { countDispositions, dispositionTree, listDispositions } from './queries.js';
export { disposeLetter } from './disposeLetter.js';
export { reportDisposition } from './reportDisposition.js';
export { cancelDisposition, readDisposition, withdrawDisposition } from './changeDisposition.js';
export { DEFAULT_INSTRUCTIONS, listInstructions } from './instructions.js';
export { DUE_JOB } from './dueDates.js';

// People in a letter's disposition tree may open the letter.
addLetterVisibilityRule(inTree);

