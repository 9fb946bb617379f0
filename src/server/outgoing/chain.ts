// Suggest the verifier chain between a drafter and a signer by walking the drafter's line of
// superiors (atasan langsung) up to the signer, e.g. seed 000: Pelaksana → Kabag → Asisten →
// Sekda → Wakil Bupati → Bupati gives verifiers Kabag, Asisten, Sekda, Wakil Bupati.
import type { Db } from '../db/client.js';
import { superiorChain } from '../org/positions.js';

export interface ChainSuggestion {
  verifierPositionIds: string[];
  /** false when the signer is not among the drafter's superiors: only the direct superior is suggested. */
  signerInLine: boolean;
}

export async function suggestChain(db: Db, drafterPositionId: string, signerPositionId: string): Promise<ChainSuggestion> {
  if (drafterPositionId === signerPositionId) return { verifierPositionIds: [], signerInLine: true };
  const ups = await superiorChain(db, drafterPositionId);
  const idx = ups.findIndex((p) => p.id === signerPositionId);
  if (idx >= 0) return { verifierPositionIds: ups.slice(0, idx).map((p) => p.id), signerInLine: true };
  return { verifierPositionIds: ups.length && ups[0]!.id !== signerPositionId ? [ups[0]!.id] : [], signerInLine: false };
}
