/**
 * A world from a file carried in a link: its text deflated (fflate) and base64url-encoded into the
 * `data` parameter, next to its file name in `file`. The text is only ever handed to the engine's
 * strict loader (in the worker), exactly as if the file had been dropped on the page; nothing in it
 * runs. Worlds whose encoding would make an unwieldy link are left out (export a record instead).
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

/** Longest `data` value put in a link (characters); about a 30 KB world file compresses below it. */
export const MAX_LINK_WORLD_CHARS = 8000;
/** Longest `data` value accepted from a link: bounds the work a hostile link can cause. */
const MAX_ACCEPTED_CHARS = 64_000;
/** Largest world text accepted from a link, as for a dropped file. */
const MAX_WORLD_BYTES = 5_000_000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The last encoding, since the address bar is rewritten on every settings change. */
let memo: { text: string; data: string | null } | null = null;

/** Texts longer than this are not even tried: no world file compresses that well, and deflating megabytes
 * on the page's thread at every settings change would stall it. */
const MAX_TRIED_CHARS = 400_000;

/** The `data` value for a world's text, or null when it would be longer than MAX_LINK_WORLD_CHARS. */
export function encodeWorldText(text: string): string | null {
  if (text.length > MAX_TRIED_CHARS) return null;
  if (memo?.text !== text) {
    const encoded = toBase64Url(deflateSync(strToU8(text), { level: 9 }));
    memo = { text, data: encoded.length <= MAX_LINK_WORLD_CHARS ? encoded : null };
  }
  return memo.data;
}

/** A world's text from a `data` value, or an error message saying why it cannot be read. */
export function decodeWorldText(data: string): { text: string } | { error: string } {
  if (data === '') return { error: 'the world in the link is empty' };
  if (data.length > MAX_ACCEPTED_CHARS)
    return { error: `the world in the link is longer than ${MAX_ACCEPTED_CHARS} characters` };
  const bytes = fromBase64Url(data);
  if (!bytes) return { error: 'the world in the link is not valid base64url' };
  const out = new Uint8Array(MAX_WORLD_BYTES + 1);
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(bytes, { out });
  } catch {
    return { error: 'the world in the link is damaged (it does not decompress)' };
  }
  if (inflated.length > MAX_WORLD_BYTES) return { error: 'the world in the link is larger than 5 MB' };
  return { text: strFromU8(inflated) };
}
