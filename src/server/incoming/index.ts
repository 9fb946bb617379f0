// The incoming-letters domain's public surface (what other domains may import).
//
// For intake (e-mail over IMAP, scanner batches, OCR):
//   createPendingRegistration(ctx, {unitId, source, files, intake, suggestions, ocr}, tx?)
//       -> a letter waiting for the records officer (status "pending", no agenda number yet);
//          bad files throw AppError and nothing is stored.
//   attachOcrText(ctx, letterId, {status, text, error, suggestions, pdf})
//       -> stores the text layer / suggestions (number, date, hal) / the OCR'd PDF.
//   onIncomingEvent(ctx, listener) -> listener(tx, event) runs inside the transaction of every
//       incoming/disposition change (IncomingEvent: incoming.pending, incoming.sent,
//       disposition.received, disposition.due_soon, disposition.overdue, disposition.reported,
//       disposition.cancelled, disposition.withdrawn); enqueue notification jobs there.
//   incomingFromServiceRequest(ctx, tx, {...}) -> a service request as a letter in the service
//       office's agenda, addressed to its head (the ticket keeps the personal-data file).
//   scanToPdf / scanKind: the same scan-to-PDF conversion the registration page uses.
export { createPendingRegistration, attachOcrText, discardPending, countPending, type PendingRegistrationInput } from './pending.js';
export { requestLetterOcr, attachOcrToIncoming, wireIncomingOcr, INCOMING_OCR_OWNER } from './ocr.js';
export { onIncomingEvent, emitIncomingEvent, type IncomingEvent, type IncomingListener } from './listeners.js';
export { scanToPdf, scanKind, type ScanInput, type ScanPdf } from './scanToPdf.js';
export { registerIncomingLetter, sendIncomingLetter, markIncomingRead, findDuplicates, SCAN_MAX_PAGES, type RegistrationInput, type Duplicate } from './registerLetter.js';
export { incomingFromDocument, incomingLetterOfDocument } from './fromDocument.js';
export { incomingFromServiceRequest, type ServiceRequestLetterInput } from './fromServiceRequest.js';
export { addLetterVisibilityRule, assertCanViewLetter, canViewLetter, capacityIn, getLetterRow, viewerOf, ACTED_AS, type LetterRow, type Viewer } from './access.js';
export { listAgenda, listMyIncoming, countUnreadIncoming, loadLetterForViewer, letterDetail, searchSenders, listReplies, repliedLettersOf, type LetterView } from './queries.js';
export { agendaLabel, setSecretSeries, usesSecretSeries } from './agenda.js';
export { letterEvent, recordLetterEvent, type LetterEventInput } from './letterEvents.js';
export { linkReply } from './replies.js';
export { INCOMING_SIFAT, INCOMING_URGENSI, INCOMING_STATUSES, INCOMING_SOURCES, incomingLetters, type IncomingStatus, type IncomingSifat } from './schema.js';
