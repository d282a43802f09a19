/**
 * $ref safety through the built CLI: remote references are reported, never fetched; file
 * references stay inside the connector's folder (or --ref-root), are refused before anything is
 * opened when they leave it, and special files are never opened; loops end.
 */
import { existsSync, openSync, closeSync, constants, symlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_PUT, Scratch, at, settle, withRef, type Diag } from './helpers.js';

let s: Scratch;
beforeEach(() => {
  s = new Scratch();
});
afterEach(() => s.remove());

const watchedFifo = (path: string, marker: string) => s.watchedFifo(path, marker);

/** The one file's exit code and diagnostics of one rule. */
function lintRefs(file: string, args: string[] = [], ruleId = 'unresolved-ref') {
  const { code, report } = s.lint([file, ...args]);
  const diagnostics = report.files[0]!.diagnostics;
  return { code, diagnostics: diagnostics.filter((d) => d.ruleId === ruleId), others: diagnostics.filter((d) => d.ruleId !== ruleId) };
}

const SCHEMA_REF_POINTER = '/paths/~1contacts/post/requestBody/content/application~1json/schema/$ref';

function refused(ref: string, reason: string, text: string): Diag {
  return { ruleId: 'unresolved-ref', severity: 'error', message: `\`${ref}\` is not followed: ${reason}`, pointer: SCHEMA_REF_POINTER, ...at(text, JSON.stringify(ref)) };
}

describe('the FIFO watch used below', () => {
  it('sees a FIFO being opened (so that its silence means something)', async () => {
    watchedFifo(s.path('pipe.json'), s.path('opened'));
    await settle();
    expect(existsSync(s.path('opened'))).toBe(false);
    closeSync(openSync(s.path('pipe.json'), constants.O_RDONLY | constants.O_NONBLOCK));
    await settle();
    expect(existsSync(s.path('opened'))).toBe(true);
  });
});

describe('remote references', () => {
  it('http and https references are reported as info, and linting goes on', () => {
    const text = withRef('https://schemas.example.com/contact.json#/Contact').replace('"/contacts/post"', '"/contacts/put"').replace('"#/components/schemas/Contact"', '"http://127.0.0.1:9/contact.json"');
    s.write('connector.json', text);
    const { code, diagnostics, others } = lintRefs('connector.json', [], 'remote-ref');
    expect(code).toBe(1);
    expect(diagnostics).toEqual([
      {
        ruleId: 'remote-ref',
        severity: 'info',
        message: '`https://schemas.example.com/contact.json#/Contact` is a remote reference; cdp-lint never fetches it, so what it points at is not checked',
        pointer: SCHEMA_REF_POINTER,
        ...at(text, '"https://schemas.example.com/contact.json#/Contact"'),
      },
      {
        ruleId: 'remote-ref',
        severity: 'info',
        message: '`http://127.0.0.1:9/contact.json` is a remote reference; cdp-lint never fetches it, so what it points at is not checked',
        pointer: '/components/schemas/ContactList/properties/results/items/$ref',
        ...at(text, '"http://127.0.0.1:9/contact.json"'),
      },
    ]);
    // With both $refs remote, components.schemas.Contact is used by nothing (unused-component, info).
    expect(others.filter((d) => d.ruleId !== 'unused-component')).toEqual([
      { ruleId: 'resource-path', severity: 'error', message: NO_PUT, pointer: '/preDefinedActions/0/resourcePath', ...at(text, '"/contacts/put"') },
    ]);
  });
});

/** Make `conn/` a git work tree: the default reference root is then `conn/` itself. */
function gitTree(folder = 'conn'): void {
  s.write(`${folder}/.git/HEAD`, 'ref: refs/heads/main\n');
}

describe('file references that leave the reference root (by default, the git work tree)', () => {
  beforeEach(() => gitTree());

  it('`..` is refused, and the file is not opened', async () => {
    watchedFifo(s.path('outside.json'), s.path('opened'));
    const text = withRef('../outside.json');
    s.write('conn/connector.json', text);
    const { code, diagnostics } = lintRefs('conn/connector.json');
    await settle();
    expect(existsSync(s.path('opened'))).toBe(false);
    expect(code).toBe(1);
    expect(diagnostics).toEqual([refused('../outside.json', "`../outside.json` is outside the git work tree that holds the connector; references may not leave it (use --ref-root to widen it)", text)]);
  });

  it('`..` hidden in percent-encoding is refused', () => {
    s.write('secret.json', '{"type": "object"}');
    const text = withRef('%2e%2e/secret.json');
    s.write('conn/connector.json', text);
    expect(lintRefs('conn/connector.json').diagnostics).toEqual([
      refused('%2e%2e/secret.json', "`%2e%2e/secret.json` is outside the git work tree that holds the connector; references may not leave it (use --ref-root to widen it)", text),
    ]);
  });

  it('an absolute path is refused, and the file is not opened', async () => {
    const fifo = s.path('abs.json');
    watchedFifo(fifo, s.path('opened'));
    const text = withRef(fifo);
    s.write('conn/connector.json', text);
    const { code, diagnostics } = lintRefs('conn/connector.json');
    await settle();
    expect(existsSync(s.path('opened'))).toBe(false);
    expect(code).toBe(1);
    expect(diagnostics).toEqual([refused(fifo, `\`${fifo}\` is an absolute path; file references are relative and may not leave the git work tree that holds the connector`, text)]);
  });

  it('a file: URL is refused, and the file is not opened', async () => {
    const fifo = s.path('conn/url.json');
    watchedFifo(fifo, s.path('opened'));
    const url = `file://${fifo}`;
    const text = withRef(url);
    s.write('conn/connector.json', text);
    const { code, diagnostics } = lintRefs('conn/connector.json');
    await settle();
    expect(existsSync(s.path('opened'))).toBe(false);
    expect(code).toBe(1);
    expect(diagnostics).toEqual([refused(url, `\`${url}\` is not a relative file reference; only relative file references are followed`, text)]);
  });

  it('a symbolic link to a file outside is refused, and the file is not opened', async () => {
    watchedFifo(s.path('outside.json'), s.path('opened'));
    const text = withRef('link.json');
    s.write('conn/connector.json', text);
    symlinkSync(s.path('outside.json'), s.path('conn/link.json'));
    const { code, diagnostics } = lintRefs('conn/connector.json');
    await settle();
    expect(existsSync(s.path('opened'))).toBe(false);
    expect(code).toBe(1);
    expect(diagnostics).toEqual([
      refused('link.json', "`link.json` is a symbolic link (or goes through one) to a place outside the git work tree that holds the connector; references may not leave it (use --ref-root to widen it)", text),
    ]);
  });

  it('a symbolic link to a folder outside is refused', () => {
    s.write('elsewhere/contact.json', '{"type": "object"}');
    s.write('conn/placeholder', '');
    symlinkSync(s.path('elsewhere'), s.path('conn/shared'));
    const text = withRef('shared/contact.json');
    s.write('conn/connector.json', text);
    expect(lintRefs('conn/connector.json').diagnostics).toEqual([
      refused(
        'shared/contact.json',
        "`shared/contact.json` is a symbolic link (or goes through one) to a place outside the git work tree that holds the connector; references may not leave it (use --ref-root to widen it)",
        text,
      ),
    ]);
  });

  it('a symbolic link to /dev/zero is refused (no endless read)', () => {
    s.write('conn/placeholder', '');
    symlinkSync('/dev/zero', s.path('conn/zero.json'));
    const text = withRef('zero.json');
    s.write('conn/connector.json', text);
    expect(lintRefs('conn/connector.json').diagnostics).toEqual([
      refused('zero.json', "`zero.json` is a symbolic link (or goes through one) to a place outside the git work tree that holds the connector; references may not leave it (use --ref-root to widen it)", text),
    ]);
  });
});

describe('special files inside the folder', () => {
  it('a FIFO is never opened', async () => {
    watchedFifo(s.path('conn/pipe.json'), s.path('opened'));
    const text = withRef('pipe.json');
    s.write('conn/connector.json', text);
    const { code, diagnostics } = lintRefs('conn/connector.json');
    await settle();
    expect(existsSync(s.path('opened'))).toBe(false);
    expect(code).toBe(1);
    expect(diagnostics).toEqual([refused('pipe.json', '`pipe.json` is not a regular file (a directory, FIFO, socket or device) and is not opened', text)]);
  });

  it('/dev/zero through a link, with --ref-root / letting the link through, is not opened', () => {
    s.write('conn/placeholder', '');
    symlinkSync('/dev/zero', s.path('conn/zero.json'));
    const text = withRef('zero.json');
    s.write('conn/connector.json', text);
    const r = lintRefs('conn/connector.json', ['--ref-root', '/']);
    expect(r.diagnostics).toEqual([refused('zero.json', '`zero.json` is not a regular file (a directory, FIFO, socket or device) and is not opened', text)]);
  });

  it('a folder', () => {
    s.write('conn/schemas/a.json', '{}');
    const text = withRef('schemas');
    s.write('conn/connector.json', text);
    expect(lintRefs('conn/connector.json').diagnostics).toEqual([refused('schemas', '`schemas` is not a regular file (a directory, FIFO, socket or device) and is not opened', text)]);
  });
});

describe('--ref-root', () => {
  const shared = JSON.stringify({ Contact: { type: 'object', properties: { name: { type: 'string' } } } });

  it('widens the folder references may reach', () => {
    gitTree();
    s.write('shared/contact.json', shared);
    const text = withRef('../shared/contact.json#/Contact');
    s.write('conn/connector.json', text);
    expect(lintRefs('conn/connector.json')).toEqual({
      code: 1,
      others: [],
      diagnostics: [
        refused('../shared/contact.json#/Contact', "`../shared/contact.json` is outside the git work tree that holds the connector; references may not leave it (use --ref-root to widen it)", text),
      ],
    });
    expect(lintRefs('conn/connector.json', ['--ref-root', '.'])).toEqual({ code: 0, others: [], diagnostics: [] });
  });

  it('the widened root reads the file: a missing target in it is reported', () => {
    s.write('shared/contact.json', shared);
    const text = withRef('../shared/contact.json#/Contacts');
    s.write('conn/connector.json', text);
    expect(lintRefs('conn/connector.json', ['--ref-root', '.']).diagnostics).toEqual([
      { ruleId: 'unresolved-ref', severity: 'error', message: '`../shared/contact.json#/Contacts` does not resolve: there is no `Contacts` there; did you mean `Contact`?', pointer: SCHEMA_REF_POINTER, ...at(text, '"../shared/contact.json#/Contacts"') },
    ]);
  });

  it('still refuses what leaves the widened root, and names it', async () => {
    watchedFifo(s.path('outside.json'), s.path('opened'));
    s.write('root/conn/placeholder', '');
    const text = withRef('../../outside.json');
    s.write('root/conn/connector.json', text);
    const { diagnostics } = lintRefs('root/conn/connector.json', ['--ref-root', 'root']);
    await settle();
    expect(existsSync(s.path('opened'))).toBe(false);
    expect(diagnostics).toEqual([refused('../../outside.json', `\`../../outside.json\` is outside the reference root \`${s.path('root')}\`; references may not leave it`, text)]);
  });

  it('a symbolic link inside the widened root that points inside it is followed', () => {
    s.write('shared/contact.json', shared);
    s.write('conn/placeholder', '');
    symlinkSync(s.path('shared/contact.json'), s.path('conn/contact.json'));
    const text = withRef('contact.json#/Contact');
    s.write('conn/connector.json', text);
    expect(lintRefs('conn/connector.json', ['--ref-root', '.'])).toEqual({ code: 0, others: [], diagnostics: [] });
  });
});

describe('the default reference root', () => {
  const shared = JSON.stringify({ Contact: { type: 'object', properties: { name: { type: 'string' } } } });

  it('is the enclosing git work tree: a sibling folder of the repository is reachable', () => {
    gitTree('repo');
    s.write('repo/common/contact.json', shared);
    const text = withRef('../common/contact.json#/Contact');
    s.write('repo/spec/connector.json', text);
    expect(lintRefs('repo/spec/connector.json')).toEqual({ code: 0, others: [], diagnostics: [] });
  });

  it('never goes above the git work tree, even when the working directory is higher', () => {
    gitTree('repo');
    s.write('common/contact.json', shared);
    const text = withRef('../../common/contact.json#/Contact');
    s.write('repo/spec/connector.json', text);
    expect(lintRefs('repo/spec/connector.json').diagnostics).toEqual([
      refused('../../common/contact.json#/Contact', '`../../common/contact.json` is outside the git work tree that holds the connector; references may not leave it (use --ref-root to widen it)', text),
    ]);
  });

  it('is the working directory when no git work tree holds the connector and the working directory does', () => {
    s.write('common/contact.json', shared);
    const text = withRef('../common/contact.json#/Contact');
    s.write('spec/connector.json', text);
    expect(lintRefs('spec/connector.json')).toEqual({ code: 0, others: [], diagnostics: [] });
  });

  it("is the connector's folder when neither a git work tree nor the working directory holds it", () => {
    const elsewhere = new Scratch();
    try {
      elsewhere.write('common/contact.json', shared);
      const text = withRef('../common/contact.json#/Contact');
      const file = elsewhere.write('spec/connector.json', text);
      expect(lintRefs(file).diagnostics).toEqual([
        refused('../common/contact.json#/Contact', "`../common/contact.json` is outside the connector's folder; references may not leave it (use --ref-root to widen it)", text),
      ]);
    } finally {
      elsewhere.remove();
    }
  });
});

describe('one file reached under many names', () => {
  it('is read once, by its real path: `a -> .` and `b -> .` links multiply names, not work', () => {
    // 780 KB behind 80 spellings took 16 s and 432 MB when each spelling was read and parsed anew.
    const big = { Contact: { type: 'object', properties: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`field${i}`, { type: 'string', description: 'x'.repeat(12) }])) } };
    s.write('conn/big.json', JSON.stringify(big));
    symlinkSync('.', s.path('conn/a'));
    symlinkSync('.', s.path('conn/b'));
    const spellings = Array.from({ length: 80 }, (_, i) => i.toString(2).padStart(7, '0').replace(/0/g, 'a/').replace(/1/g, 'b/') + 'big.json#/Contact');
    const schemas = Object.fromEntries(spellings.map((ref, i) => [`S${i}`, { $ref: ref }]));
    const text = withRef(spellings[0]!, schemas);
    s.write('conn/connector.json', text);
    const { code, report, stderr } = s.lint(['conn/connector.json', '--ref-root', 'conn']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // S0..S79 exist only to spell the reference 80 ways: no $ref uses them (unused-component, info).
    expect(report.files.flatMap((f) => f.diagnostics).filter((d) => d.ruleId !== 'unused-config-property' && d.ruleId !== 'unused-component')).toEqual([]);
  });
});

describe('the budget over all referenced files', () => {
  it('refuses the reference that would take the files read past --max-file-size together, at that $ref', () => {
    const schema = (n: number) => JSON.stringify({ type: 'object', description: 'd'.repeat(n) });
    s.write('conn/one.json', schema(2500));
    s.write('conn/two.json', schema(2500));
    const text = withRef('one.json', { Two: { $ref: 'two.json' } });
    s.write('conn/connector.json', text);
    const { diagnostics } = lintRefs('conn/connector.json', ['--max-file-size', '4000']);
    expect(diagnostics).toEqual([
      {
        ruleId: 'unresolved-ref',
        severity: 'error',
        message: "`two.json` is not followed: the files read through the connector's references would exceed 4000 bytes together (--max-file-size)",
        pointer: '/components/schemas/Two/$ref',
        ...at(text, '"two.json"'),
      },
    ]);
  });
});

describe('the budget over all referenced files, met by several $refs', () => {
  const schema = (n: number) => JSON.stringify({ type: 'object', description: 'd'.repeat(n) });

  it('is one problem, at the first $ref refused, counting the others', () => {
    for (const name of ['one', 'two', 'three', 'four']) s.write(`conn/${name}.json`, schema(2500));
    const text = withRef('one.json', { Two: { $ref: 'two.json' }, Three: { $ref: 'three.json' }, Four: { $ref: 'four.json' } });
    s.write('conn/connector.json', text);
    const { diagnostics } = lintRefs('conn/connector.json', ['--max-file-size', '4000']);
    expect(diagnostics).toEqual([
      {
        ruleId: 'unresolved-ref',
        severity: 'error',
        message:
          "`two.json` is not followed: the files read through the connector's references would exceed 4000 bytes together (--max-file-size); neither are the 2 other `$ref`s to files not read yet (reported here only)",
        pointer: '/components/schemas/Two/$ref',
        ...at(text, '"two.json"'),
      },
    ]);
    const raw = JSON.parse(s.run(['conn/connector.json', '--max-file-size', '4000', '--format', 'json']).stdout) as { files: Array<{ diagnostics: Array<{ ruleId: string }> }> };
    expect(raw.files[0]!.diagnostics.filter((d) => d.ruleId === 'unresolved-ref')).toEqual([expect.objectContaining({ ruleId: 'unresolved-ref', messageId: 'refusedOnce' })]);
  });

  it('says `the other $ref` for one more', () => {
    for (const name of ['one', 'two', 'three']) s.write(`conn/${name}.json`, schema(2500));
    const text = withRef('one.json', { Two: { $ref: 'two.json' }, Three: { $ref: 'three.json' } });
    s.write('conn/connector.json', text);
    const { diagnostics } = lintRefs('conn/connector.json', ['--max-file-size', '4000']);
    expect(diagnostics.map((d) => [d.message, d.pointer])).toEqual([
      [
        "`two.json` is not followed: the files read through the connector's references would exceed 4000 bytes together (--max-file-size); neither is the other `$ref` to a file not read yet (reported here only)",
        '/components/schemas/Two/$ref',
      ],
    ]);
  });
});

describe('loops', () => {
  it('a self-referencing schema is valid recursion', () => {
    const text = withRef('#/components/schemas/Node', { Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } } });
    s.write('tree.json', text);
    expect(lintRefs('tree.json')).toEqual({ code: 0, others: [], diagnostics: [] });
  });

  it('mutually recursive schemas through allOf are valid too', () => {
    const text = withRef('#/components/schemas/A', {
      A: { allOf: [{ $ref: '#/components/schemas/B' }], properties: { a: { type: 'string' } } },
      B: { allOf: [{ $ref: '#/components/schemas/A' }], properties: { b: { type: 'string' } } },
    });
    s.write('mutual.json', text);
    expect(lintRefs('mutual.json')).toEqual({ code: 0, others: [], diagnostics: [] });
  });

  it('a $ref to itself is an error, reported once', () => {
    const text = withRef('#/components/schemas/Self', { Self: { $ref: '#/components/schemas/Self' } });
    s.write('self.json', text);
    expect(lintRefs('self.json')).toEqual({
      code: 1,
      others: [],
      diagnostics: [
        {
          ruleId: 'unresolved-ref',
          severity: 'error',
          message: '`#/components/schemas/Self` does not resolve: the reference chain loops back on itself',
          pointer: '/components/schemas/Self/$ref',
          ...at(text, '"#/components/schemas/Self"', 1),
        },
      ],
    });
  });

  it('a $ref → $ref loop is an error, reported once, and ends', () => {
    const text = withRef('#/components/schemas/A', { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/C' }, C: { $ref: '#/components/schemas/A' } });
    s.write('loop.json', text);
    expect(lintRefs('loop.json')).toEqual({
      code: 1,
      others: [],
      diagnostics: [
        {
          ruleId: 'unresolved-ref',
          severity: 'error',
          message: '`#/components/schemas/B` does not resolve: the reference chain loops back on itself',
          pointer: '/components/schemas/A/$ref',
          ...at(text, '"#/components/schemas/B"'),
        },
      ],
    });
  });

  it('a loop across two referenced files ends, and is reported at the $ref that leads into it', () => {
    s.write('conn/schemas/a.json', JSON.stringify({ A: { $ref: 'b.json#/B' } }));
    s.write('conn/schemas/b.json', JSON.stringify({ B: { $ref: 'a.json#/A' } }));
    const text = withRef('schemas/a.json#/A');
    s.write('conn/connector.json', text);
    expect(lintRefs('conn/connector.json')).toEqual({
      code: 1,
      others: [],
      diagnostics: [
        {
          ruleId: 'unresolved-ref',
          severity: 'error',
          message: '`schemas/a.json#/A` does not resolve: the reference chain loops back on itself',
          pointer: SCHEMA_REF_POINTER,
          ...at(text, '"schemas/a.json#/A"'),
        },
      ],
    });
  });

  it('$refs inside a referenced file resolve against that file', () => {
    // b.json sits next to a.json, not next to the connector; `#/Y` is in b.json.
    s.write('conn/schemas/a.json', JSON.stringify({ X: { $ref: 'b.json#/Y' } }));
    s.write('conn/schemas/b.json', JSON.stringify({ Y: { $ref: '#/Z' }, Z: { type: 'object' } }));
    s.write('conn/b.json', JSON.stringify({ Y: { $ref: 'b.json#/Y' } })); // a loop, were this b.json read instead
    const text = withRef('schemas/a.json#/X');
    s.write('conn/connector.json', text);
    expect(lintRefs('conn/connector.json')).toEqual({ code: 0, others: [], diagnostics: [] });
  });
});
