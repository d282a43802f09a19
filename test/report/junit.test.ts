import { describe, it, expect } from 'vitest';
import { escapeXmlAttribute, escapeXmlText, formatJunit } from '../../src/report/junit.js';
import { summarize, type FileResult } from '../../src/types.js';
import { makeOptions, result } from './fixture.js';

/**
 * A small well-formedness check, enough for the XML this formatter writes: balanced elements,
 * quoted attributes without raw `<` or `&`, text without raw `<`, and only known entity references.
 */
function checkWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  expect(body).not.toMatch(/<\?xml/);
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  expect(xml.replace(/&(?:amp|lt|gt|quot|apos|#\d+);/g, '')).not.toContain('&');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z-]+)((?:\s+[A-Za-z-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    expect(body.slice(last, m.index)).not.toContain('<');
    expect(body.slice(last, m.index)).not.toContain('>');
    last = m.index + m[0].length;
    const [, closing, name, , selfClosing] = m;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(body.slice(last)).toBe('');
  expect(stack).toEqual([]);
}

describe('formatJunit', () => {
  it('writes exact XML for a small result', () => {
    const files: FileResult[] = [
      {
        path: '/repo/a.yaml',
        layout: 'openapi',
        diagnostics: [
          { ruleId: 'r1', messageId: 'm', severity: 'error', message: 'bad <thing> & "x"', pointer: '/a', range: { start: { line: 3, column: 5 }, end: { line: 3, column: 9 } } },
          { ruleId: 'r2', messageId: 'm', severity: 'info', message: 'fyi', pointer: '/b', range: { start: { line: 7, column: 1 }, end: { line: 7, column: 4 } } },
        ],
      },
      { path: '/repo/b.json', layout: 'hub', diagnostics: [] },
    ];
    expect(formatJunit({ files, summary: summarize(files) }, makeOptions())).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="cdp-lint" tests="3" failures="1">',
        '  <testsuite name="a.yaml" tests="2" failures="1" errors="0">',
        '    <testcase classname="a.yaml" name="r1 at 3:5">',
        '      <failure type="error" message="bad &lt;thing&gt; &amp; &quot;x&quot;">3:5 error bad &lt;thing&gt; &amp; &quot;x&quot; r1 (/a)</failure>',
        '    </testcase>',
        '    <testcase classname="a.yaml" name="r2 at 7:1">',
        '      <system-out>7:1 info fyi r2 (/b)</system-out>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="b.json" tests="1" failures="0" errors="0">',
        '    <testcase classname="b.json" name="no problems"/>',
        '  </testsuite>',
        '</testsuites>',
      ].join('\n'),
    );
  });

  it('fails on errors and warnings, passes infos, and escapes the tricky message', () => {
    const xml = formatJunit(result, makeOptions());
    checkWellFormed(xml);
    expect(xml.split('\n')[1]).toBe('<testsuites name="cdp-lint" tests="4" failures="2">');
    expect(xml).toContain('<testsuite name="connectors/acme/openapi.yaml" tests="3" failures="2" errors="0">');
    expect(xml).toContain('<failure type="warning" message="path /contacts has get, post; no put">');
    expect(xml).toContain(
      // A line break in a message is shown as \n: the report may be printed to a CI log, where a line must not start with text a file chose.
      '<failure type="error" message="operation &quot;listContacts&quot;: 100% of responses lack a &lt;schema&gt;, &amp; &apos;x-cdp-fields&apos; is empty\\nadd a schema to each response">' +
        '12:7 error operation &quot;listContacts&quot;: 100% of responses lack a &lt;schema&gt;, &amp; &apos;x-cdp-fields&apos; is empty\\nadd a schema to each response' +
        ' operation-response-schema (/paths/~1contacts/get/responses)</failure>',
    );
    expect(xml).toContain('<system-out>103:16 info description should end with a period description-style (/info/description)</system-out>');
    expect(xml).toContain('<testcase classname="connectors/clean/hub.json" name="no problems"/>');
  });

  it('strips characters XML 1.0 cannot carry, and shows a message\'s control characters as escapes', () => {
    const raw = 'a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uD800h\tı😀\u0085';
    expect(escapeXmlText(raw)).toBe('abcdefgh\tı😀\u0085');
    expect(escapeXmlAttribute(raw)).toBe('abcdefgh&#9;ı😀\u0085');
    expect(escapeXmlAttribute(`<&>"'\r\n`)).toBe('&lt;&amp;&gt;&quot;&apos;&#13;&#10;');
    expect(escapeXmlText(`<&>"'\r\n`)).toBe('&lt;&amp;&gt;&quot;&apos;\r\n');

    const files: FileResult[] = [
      {
        path: '/repo/x"<y>.yaml',
        layout: 'openapi',
        diagnostics: [
          { ruleId: 'r', messageId: 'm', severity: 'warning', message: 'nul\u0000here', pointer: "/a~1'b", range: { start: { line: 1, column: 2 }, end: { line: 1, column: 3 } } },
        ],
      },
    ];
    const xml = formatJunit({ files, summary: summarize(files) }, makeOptions());
    checkWellFormed(xml);
    expect(xml).toContain('<testsuite name="x&quot;&lt;y&gt;.yaml" tests="1" failures="1" errors="0">');
    expect(xml).toContain('<failure type="warning" message="nul\\x00here">1:2 warning nul\\x00here r (/a~1&apos;b)</failure>');
  });

  it('writes an empty suite list for no files', () => {
    expect(formatJunit({ files: [], summary: summarize([]) }, makeOptions())).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cdp-lint" tests="0" failures="0">\n</testsuites>',
    );
  });
});
