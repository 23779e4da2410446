/**
 * Opaque random tokens (API tokens, invitation links) and their stored form. Only a SHA-256 digest is kept,
 * so a database leak does not leak usable tokens. Passwords and sessions are better-auth's business, not ours.
 */
const toHex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

export function newToken(prefix: string): string {
  return `${prefix}_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** SHA-256 as lower-case hex, of a token or of file bytes (import batches record their file's digest). */
export async function digest(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return toHex(await crypto.subtle.digest("SHA-256", bytes));
}
