/**
 * How a world leaves the editor as a file or a link: "Export .json" downloads the format-1.1 file and
 * says whether `trapworld validate` will accept it; "Copy editor link" puts a link that reopens the
 * world in the editor on the clipboard (or shows it, where the clipboard is refused).
 */
import type { Validation } from '../../worker/session/app-api.ts';
import { downloadText } from '../dom.ts';
import { notice } from '../messages.ts';

/** Downloads the world's text as `fileName`, and tells what the last check found in it. */
export function exportFile(text: string, fileName: string, v: Validation | null): void {
  downloadText(text, fileName);
  notice(
    v && v.issues.length === 0
      ? `Saved ${fileName} (format 1.1). trapworld validate ${fileName} accepts it.`
      : `Saved ${fileName}, with ${v?.issues.length ?? 0} problem(s) still to fix: trapworld validate will list them.`,
  );
}

/** Copies the link to the editor with this query part (null: the world is too large for a link). */
export async function copyEditorLink(part: string | null): Promise<void> {
  if (part === null) {
    notice('This world is too large to travel in a link: use Export .json and share the file.');
    return;
  }
  const link = `${location.origin}${location.pathname}?${part}`;
  try {
    await navigator.clipboard.writeText(link);
    notice(`Editor link copied: ${link.length > 120 ? `${link.slice(0, 117)}…` : link}`);
  } catch {
    notice(`Editor link: ${link}`);
  }
}
