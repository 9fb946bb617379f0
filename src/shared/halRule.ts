// The hal (subject) of a letter whose sifat is not Biasa is itself confidential: outside the
// letter (lists of other people, notifications, search snippets, printed books) only the sifat is
// named. Pure, shared by server and web.

export const SIFAT_LABEL: Record<string, string> = { biasa: 'Biasa', terbatas: 'Terbatas', rahasia: 'Rahasia', sangat_rahasia: 'Sangat Rahasia' };

/** The hal when it may be shown outside the letter, else null. */
export function shownHal(sifat: string | null | undefined, hal: string | null | undefined): string | null {
  return (sifat ?? 'biasa') === 'biasa' ? (hal ?? null) : null;
}

/** For a sentence: `"Hal"` for Biasa, `surat bersifat Rahasia` otherwise. */
export function halPhrase(sifat: string | null | undefined, hal: string | null | undefined): string {
  const h = shownHal(sifat, hal);
  return h ? `"${h}"` : `surat bersifat ${SIFAT_LABEL[sifat ?? ''] ?? sifat}`;
}
