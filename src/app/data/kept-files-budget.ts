/**
 * Which kept files make room for a new one: the browser keeps opened files up to a total size
 * and a count, newest first. Pure, so the rule is tested without a browser.
 */
export interface KeptFileInfo {
  readonly name: string;
  readonly size: number;
  /** When the file was last opened, ms since the epoch. */
  readonly savedAt: number;
}

/** At most this many bytes of files are kept in the browser. */
export const keptBytesBudget = 200 * 1024 * 1024;
/** At most this many files are kept. */
export const keptFilesMax = 12;

export type KeepPlan = { readonly keep: true; readonly evict: readonly string[] } | { readonly keep: false; readonly reason: string };

/**
 * The names to drop (oldest first) so that `incoming` fits with the newest others; a file of the
 * same name is replaced. A file larger than the whole budget is not kept.
 */
export function planKeep(kept: readonly KeptFileInfo[], incoming: { readonly name: string; readonly size: number }, budget = keptBytesBudget, maxFiles = keptFilesMax): KeepPlan {
  if (incoming.size > budget)
    return { keep: false, reason: `it is larger (${megabytes(incoming.size)}) than the ${megabytes(budget)} this viewer keeps in the browser` };
  const others = kept.filter((file) => file.name !== incoming.name).sort((a, b) => b.savedAt - a.savedAt);
  const evict: string[] = kept.some((file) => file.name === incoming.name) ? [incoming.name] : [];
  let total = incoming.size;
  let count = 1;
  for (const file of others) {
    if (count < maxFiles && total + file.size <= budget) {
      total += file.size;
      count++;
    } else evict.push(file.name);
  }
  return { keep: true, evict };
}

export const megabytes = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);
