// The printed forms' layout helpers live in pdf/formText.ts (shared with the buku ekspedisi).
export * from '../pdf/formText.js';
