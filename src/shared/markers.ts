// Text put into a rendered document where the visible signature stamp goes. The .docx filler
// writes it where ${ttd_pengirim} was (tiny, white); the signer finds it in the PDF and places
// the stamp (QR, name, position) over it.
export const SIGNATURE_MARKER = '[[TTE-NASKAH]]';
