// What the documents workflow uses from sibling domains, in one place.
export { getNumberingMode, allocateNumber, attachReservedNumber, cancelNumber } from '../numbering/index.js';
export { assertClassificationUsable } from '../archive/index.js';
export { checkTemplate } from '../templates/inspectTemplate.js';
export { fillDocx } from '../templates/fillDocx.js';
export { readTemplateIdentity, writeTemplateIdentity } from '../templates/templateIdentity.js';
export { renderFormDraft } from '../templates/renderFormDraft.js';
export { createConverter, readinessOf, type Converter, type ConverterReadiness } from '../conversion/converter.js';
export { inspectPdf } from '../pdf/inspectPdf.js';
export { validateAttachment } from '../pdf/validateAttachment.js';
export { stampTextOnPdf } from '../pdf/stampTextOnPdf.js';
export { openSigningSession, auditSigned, type SessionOptions, type SigningSession, newVerificationCode, verificationUrl, registerVerification, hasSigningCredential, applyOfficeSeal, type AppliedSeal } from '../signature/index.js';
