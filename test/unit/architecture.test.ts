// Which part of the code may import which: the extension and the engine never import the
// CLI, the engine never imports an editor or a shell, and the browser code imports no Node.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

/** Every TypeScript file below `dir`, relative to src/. */
function filesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const child = path.join(abs, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts')) out.push(path.relative(SRC, child).split(path.sep).join('/'));
    }
  };
  walk(path.join(SRC, dir));
  return out;
}

/** The src/-relative folders (first segment) a file imports from, by relative import specifier. */
function importedAreas(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  const areas = new Set<string>();
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)) {
    const spec = m[1] ?? m[2];
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    areas.add(target.split('/')[0]);
  }
  return [...areas];
}

/** Bare (package or node:) imports of a file. */
function packages(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+'([^.'][^']*)'/g)].map((m) => m[1]);
}

describe('import rules', () => {
  it('the extension never imports the CLI', () => {
    const offenders = filesIn('extension').filter((f) => importedAreas(f).includes('cli'));
    expect(offenders).toEqual([]);
  });

  it('the engine imports neither a shell nor vscode', () => {
    const offenders = filesIn('core').filter((f) => importedAreas(f).some((a) => a === 'cli' || a === 'extension') || packages(f).includes('vscode'));
    expect(offenders).toEqual([]);
  });

  it('Node I/O (src/node) is shared by the shells and imports neither of them', () => {
    const offenders = filesIn('node').filter((f) => importedAreas(f).some((a) => a === 'cli' || a === 'extension') || packages(f).includes('vscode'));
    expect(offenders).toEqual([]);
  });

  it('the browser code (webview, shared) imports no Node module and no engine code at run time', () => {
    const offenders = [...filesIn('webview'), ...filesIn('shared')].filter(
      (f) => packages(f).some((p) => p.startsWith('node:')) || readFileSync(path.join(SRC, f), 'utf8').match(/^import (?!type)[^;]*from '(\.\.\/)+core\//m),
    );
    expect(offenders).toEqual([]);
  });
});
