'use strict';
// The user's own code cache of dist/cli.cjs, for a V8 the build made no cache for (bin/cdp-lint.cjs).
//
// Where: $XDG_CACHE_HOME/cdp-lint, else ~/.cache/cdp-lint, else (no home folder) <os.tmpdir()>/cdp-lint-<uid>,
// as Node's own compile cache falls back to <os.tmpdir()>/node-compile-cache; never the install folder.
// The folder is made private (0700); a folder or file that another user owns, or that others may
// write to, is neither read nor written: V8 runs the bytecode in a cache as it is.
// Which: one file per V8 version, V8 flags (process.execArgv, NODE_OPTIONS) and bundle (the build's
// id of its content, written at its end, with its size and modification time), so installs of other
// versions and runs with other flags do not overwrite each other's; the eight most recent are kept.
// Safe: written to a private temporary file, then renamed over the cache, so a reader sees a whole
// file; with a checksum of its content, checked before V8 sees it (V8 checks its version, flags and
// the source's length, but not its content: a damaged cache crashed V8); a file that fails any check
// is ignored and made again after the run. Any error (a read-only or full disk) skips the cache silently.
// Off: CDP_LINT_NO_CODE_CACHE=1, or NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch for its cache).
const { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { homedir, tmpdir } = require('node:os');
const { isAbsolute, join } = require('node:path');

/**
 * 'CDP3': the layout of a cache file: this tag, the checksum of the rest (uint32, little-endian), the
 * formats the run that made it linted (uint32, little-endian: 1 JSON, 2 YAML), then V8's cache data.
 */
const TAG = 0x33504443;
const HEADER = 12;
/** Cache files kept in the folder (other versions, other flags); older ones are removed when one is written. */
const KEEP = 8;
/** A temporary file older than this (ms) was left by a process that died while writing: removed. */
const STALE_TMP_MS = 60 * 60 * 1000;
const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;

/**
 * The checksum: FNV-1a's 64-bit step over the little-endian 64-bit words of memory[at, end) (`end - at`
 * a multiple of 32, four words a turn), folded to 32 bits, as a WebAssembly function. V8 compiles it
 * in microseconds and it hashes a 900 KB cache in under 1 M instructions (the 32-bit version, a word
 * of 4 bytes a turn, took 4.3 M, 2% of a start on Node 24), where loading node:zlib for its crc32
 * cost 13 M instructions at each start (3-4 ms), and the same loop in JavaScript, run cold, 4-15 ms.
 * In WebAssembly's text format:
 *   (module (import "m" "m" (memory 1))
 *     (func (export "h") (param $at i32) (param $end i32) (result i32) (local $h i64)
 *       (local.set $h (i64.const 0xcbf29ce484222325))
 *       (block (loop
 *         (br_if 1 (i32.ge_u (local.get $at) (local.get $end)))
 *         (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load offset=0 (local.get $at))) (i64.const 0x100000001b3)))
 *         ... the same with offset=8, offset=16 and offset=24 ...
 *         (local.set $at (i32.add (local.get $at) (i32.const 32)))
 *         (br 0)))
 *       (i32.wrap_i64 (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32))))))
 */
const FNV_WASM =
  'AGFzbQEAAAABBwFgAn9/AX8CCAEBbQFtAgABAwIBAAcFAQFoAAAKeQF3AQF+QqXGiKHInKf5SyECAkADQCAAIAFPDQEgAiAAKQMAhUKzg4CAgCB+IQIgAiAAKQMIhUKzg4CAgCB+IQIgAiAAKQMQhUKzg4CAgCB+IQIgAiAAKQMYhUKzg4CAgCB+IQIgAEEgaiEADAALCyACIAJCIIiFpws=';

/**
 * `size` bytes of fresh WebAssembly memory (zeros past them, up to 31 more), as a Buffer, and
 * `hash(at)`: the checksum of bytes[at, size) (the zeros complete the last four words).
 */
function hashable(size) {
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((size + 31) / 65536)) });
  const { h } = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(FNV_WASM, 'base64')), { m: { m: memory } }).exports;
  return { bytes: Buffer.from(memory.buffer, 0, size), hash: (at) => h(at, at + ((size - at + 31) & ~31)) >>> 0 };
}

/** The checksum of `data` (a Uint8Array), as a cache file's header holds it for its content. */
function checksum(data) {
  const { bytes, hash } = hashable(data.length);
  bytes.set(data);
  return hash(0);
}

/** Whether a switch in `env` is on (set, and not 0, false or empty). */
const on = (value) => value !== undefined && !/^(0|false|)$/i.test(value);

/** The user's home folder ('' when there is none); os.homedir() throws when the system knows of none. */
function home() {
  try {
    return homedir();
  } catch {
    return '';
  }
}

/**
 * The folder of the user's caches: $XDG_CACHE_HOME/cdp-lint (an absolute XDG_CACHE_HOME, as the XDG
 * Base Directory specification says), else <home>/.cache/cdp-lint, else <tmp>/cdp-lint-<uid>.
 */
function cacheFolder(env, homeFolder = home(), tmp = tmpdir()) {
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'cdp-lint');
  if (homeFolder && isAbsolute(homeFolder)) return join(homeFolder, '.cache', 'cdp-lint');
  return join(tmp, `cdp-lint-${uid ?? 'user'}`);
}

/** 32-bit FNV-1a of a short string, as 8 hex digits. */
function fnv(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The build's id of the bundle's content: its last line, `//# cdp-lint-build=<hex>` (scripts/build.mjs); '' without one. */
function buildId(bundleText) {
  const m = /\/\/# cdp-lint-build=([0-9a-f]+)\s*$/.exec(bundleText.slice(-100));
  return m ? m[1] : '';
}

/** Only our own, and not writable by others: anything else may hold bytecode someone else wrote. */
function ownedPrivately(stats) {
  return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
}

/**
 * The user's code cache for this bundle, V8 and flags; undefined when switched off.
 * `bundleText` is dist/cli.cjs's text, `bundleStats` its fs.Stats, `env` the environment.
 * `read()` gives `{ data, formats }`: V8's cache data (a Buffer) and the formats the run that made it
 * linted (a bit mask, the bundle's codeCacheFormats()), or undefined when there is none that passes
 * the checks; `write(data, formats)` stores them and says whether it could (it never throws).
 */
function userCache({ bundleText, bundleStats, env }) {
  if (on(env.CDP_LINT_NO_CODE_CACHE) || on(env.NODE_DISABLE_COMPILE_CACHE)) return undefined;
  const folder = cacheFolder(env);
  const key = fnv([buildId(bundleText), bundleStats.size, bundleStats.mtimeMs, process.execArgv.join(' '), env.NODE_OPTIONS || ''].join('\n'));
  const file = join(folder, `cli-${process.versions.v8}-${key}.v8cache`);
  return { file, read: () => read(folder, file), write: (data, formats) => write(folder, file, data, formats) };
}

function folderUsable(folder) {
  const stats = lstatSync(folder);
  return stats.isDirectory() && ownedPrivately(stats);
}

function read(folder, file) {
  let fd;
  try {
    if (!folderUsable(folder)) return undefined;
    fd = openSync(file, 'r');
    const stats = fstatSync(fd);
    if (!stats.isFile() || !ownedPrivately(stats) || stats.size <= HEADER) return undefined;
    const { bytes, hash } = hashable(stats.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, null);
      if (n === 0) return undefined;
      at += n;
    }
    return bytes.readUInt32LE(0) === TAG && bytes.readUInt32LE(4) === hash(8) ? { data: bytes.subarray(HEADER), formats: bytes.readUInt32LE(8) } : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function write(folder, file, data, formats) {
  const tmp = `${file}.${process.pid}.${Math.random().toString(16).slice(2)}.tmp`;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!folderUsable(folder)) return false;
    const { bytes, hash } = hashable(HEADER + data.length);
    bytes.set(data, HEADER);
    bytes.writeUInt32LE(TAG, 0);
    bytes.writeUInt32LE(formats, 8);
    bytes.writeUInt32LE(hash(8), 4);
    writeFileSync(tmp, bytes, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, file);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // Never made.
    }
    return false;
  }
  prune(folder);
  return true;
}

/** Remove all but the KEEP most recent caches, and temporary files a dead writer left. */
function prune(folder) {
  try {
    const now = Date.now();
    const caches = [];
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (name.endsWith('.v8cache')) caches.push({ path, mtime: statSync(path).mtimeMs });
      else if (name.endsWith('.tmp') && now - statSync(path).mtimeMs > STALE_TMP_MS) unlinkSync(path);
    }
    caches.sort((a, b) => b.mtime - a.mtime);
    for (const old of caches.slice(KEEP)) unlinkSync(old.path);
  } catch {
    // Another process pruned the same file first, or the folder changed: the next write prunes again.
  }
}

module.exports = { userCache, cacheFolder, checksum, KEEP };
