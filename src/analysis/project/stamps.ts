import { statSync } from 'node:fs';

/** Modification times of files and folders (`-1`: missing), to tell cheaply whether anything changed since a build. */
export type Stamps = Map<string, number>;

function stampOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

export function takeStamps(files: Iterable<string>): Stamps {
  const stamps: Stamps = new Map();
  for (const file of files) stamps.set(file, stampOf(file));
  return stamps;
}

/** Whether every file and folder still has the time it had (a folder's time changes when an entry is added, removed or renamed). */
export function stampsCurrent(stamps: Stamps): boolean {
  for (const [file, stamp] of stamps) if (stampOf(file) !== stamp) return false;
  return true;
}
