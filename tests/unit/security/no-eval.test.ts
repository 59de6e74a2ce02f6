// App code never turns text into code or HTML: no eval, no Function constructor, no string timers,
// no innerHTML/outerHTML/insertAdjacentHTML/document.write/dangerouslySetInnerHTML, anywhere in
// src/ or workers/ (comments aside). The scanner is checked on planted samples first, so this test
// fails when a pattern slips in. WebAssembly compilation needs only the CSP's 'wasm-unsafe-eval'.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');
const FORBIDDEN: [RegExp, string][] = [
  [/(?<![\w.$])eval\s*\(/, 'eval('],
  [/\bnew\s+Function\s*\(/, 'new Function('],
  [/(?<![\w.$])(?<!new\s+)Function\s*\(\s*['"`]/, 'Function("…")'],
  [/\bset(?:Timeout|Interval)\s*\(\s*['"`]/, 'a timer given a string'],
  [/\.(?:inner|outer)HTML\s*=/, 'innerHTML/outerHTML assignment'],
  [/\binsertAdjacentHTML\b/, 'insertAdjacentHTML'],
  [/\bdocument\.write(?:ln)?\s*\(/, 'document.write'],
  [/\bdangerouslySetInnerHTML\b/, 'dangerouslySetInnerHTML'],
  [/\bcreateContextualFragment\b/, 'createContextualFragment'],
];

/** The code of a file with comments blanked (strings kept: a pattern in a string is still suspect). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' ')).replace(/(^|[^:\\])\/\/.*$/gm, '$1');
}

function findings(source: string): string[] {
  const lines = withoutComments(source).split('\n');
  const found: string[] = [];
  lines.forEach((line, k) => {
    for (const [pattern, what] of FORBIDDEN) if (pattern.test(line)) found.push(`${k + 1}: ${what}`);
  });
  return found;
}

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return codeFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

describe('no code from text in app code', () => {
  it('the scanner finds each forbidden pattern, and ignores comments and look-alikes', () => {
    const planted = ['eval("1")', 'const f = new Function("return 1")', 'Function(`x`)', 'setTimeout("go()", 1)', 'el.innerHTML = text', 'el.insertAdjacentHTML("beforeend", s)', 'document.write(s)', '<div dangerouslySetInnerHTML={{ __html: s }} />'];
    for (const line of planted) expect(findings(line), line).toHaveLength(1);
    expect(findings('// eval(x) in a comment\n/* new Function() */\nretrieval(x); medieval (y); run.evaluate(z);')).toEqual([]);
  });

  it('src/ and workers/ have none', () => {
    const files = [...codeFiles(join(ROOT, 'src')), ...codeFiles(join(ROOT, 'workers'))];
    expect(files.length).toBeGreaterThan(50);
    const report = files.flatMap((file) => findings(readFileSync(file, 'utf8')).map((finding) => `${relative(ROOT, file)}:${finding}`));
    expect(report).toEqual([]);
  });
});
