/** Folder trees in install tests: what is in one, and making one read-only and writable again. */
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file and folder under `dir` (symbolic links not followed) with its size, mode and modification time. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const st = lstatSync(p);
      out[relative(dir, p)] = `${st.size} ${st.mode.toString(8)} ${st.mtimeMs}`;
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** Take the write permissions off every folder and file under `dir` (`writable` false), or give the owner's back. */
export function chmodTree(dir: string, writable: boolean): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isSymbolicLink()) continue;
    const p = join(dir, e.name);
    const mode = lstatSync(p).mode & 0o777;
    if (e.isDirectory()) {
      if (writable) chmodSync(p, mode | 0o200);
      chmodTree(p, writable);
      if (!writable) chmodSync(p, mode & ~0o222);
    } else chmodSync(p, writable ? mode | 0o200 : mode & ~0o222);
  }
}
