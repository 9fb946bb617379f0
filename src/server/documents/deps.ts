// What the documents workflow uses from sibling domains, in one place.
export { getNumberingMode, allocateNumber, attachReservedNumber, cancelNumber } from '../numbering/index.js';
export { assertClassificationUsable } from '../archive/index.js';
export { generateTemplateDocx, checkTemplate, fillDocx, renderFormDraft, defaultLogoPng, bupatiEmblemPng } from '../templates/index.js';
export { createConverter, type Converter } from '../conversion/index.js';
export { inspectPdf, validateAttachment, stampTextOnPdf } from '../pdf/index.js';
export { signPdf, signPdfBatch, newVerificationCode, verificationUrl, registerVerification, hasSigningCredential } from '../signature/index.js';
