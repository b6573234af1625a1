/**
 * Dropping a file anywhere on the page: an overlay shows while files are dragged over it, and the
 * dropped file is read as a record if it names its format, and as a world file otherwise.
 */
import { RECORD_FORMAT } from './record.ts';

export interface DropTargets {
  record(text: string, name: string): Promise<unknown>;
  world(text: string, name: string): Promise<unknown>;
  /** A bench's results.jsonl. */
  results(text: string, name: string): Promise<unknown>;
}

/** Whether a file's text is a bench's results.jsonl: JSON lines, the first a result row. */
export function isResultsText(text: string): boolean {
  const first = text.slice(0, 4000).split('\n', 1)[0] ?? '';
  return /^\s*\{"environment":".*"agent":/.test(first) && /"seed":/.test(first);
}

/** Whether a file's text is an exported record (it says so near the start; anything else is a world). */
function isRecordText(text: string): boolean {
  return new RegExp(`"format"\\s*:\\s*"${RECORD_FORMAT}"`).test(text.slice(0, 2000));
}

async function load(file: File, targets: DropTargets): Promise<void> {
  const text = await file.text();
  if (isRecordText(text)) await targets.record(text, file.name);
  else if (isResultsText(text)) await targets.results(text, file.name);
  else await targets.world(text, file.name);
}

export function installFileDrop(overlay: HTMLElement, targets: DropTargets): void {
  // dragenter and dragleave fire for every element crossed: count them to know when the drag left the page.
  let depth = 0;
  document.addEventListener('dragenter', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    depth++;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  document.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    depth = 0;
    overlay.hidden = true;
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    void load(file, targets);
  });
}
