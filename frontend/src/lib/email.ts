/**
 * Whether the text has the shape of an email address: something, an @,
 * something, and no spaces. The server checks further; this only catches
 * slips before a form is sent. Trim the text first.
 */
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(text);
}
