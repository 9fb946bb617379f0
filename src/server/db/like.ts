// LIKE/ILIKE patterns built from user input: `%`, `_` and `\` match literally (PostgreSQL's
// default escape character is the backslash). Every search that takes text from a request
// builds its pattern here.

/** Escape LIKE wildcards in user input. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** "contains", for ILIKE: %text% with the text's wildcards escaped. */
export function likeContains(text: string): string {
  return `%${likeEscape(text)}%`;
}

/** "starts with": text% with the text's wildcards escaped. */
export function likePrefix(text: string): string {
  return `${likeEscape(text)}%`;
}
