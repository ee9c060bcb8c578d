// ESLint (flat config): typescript-eslint's recommended rules, and the import rules that hold the layers of src/
// (ARCHITECTURE.md, "Code map"). Formatting is Prettier's (.prettierrc.json); eslint-config-prettier turns
// off every rule that would fight it. test/unit/lint-layers.test.ts plants a violation of each layer rule.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------------------------
// Layers. Each file of src/ belongs to one folder, and each folder may import only what the table allows.
// A layer's rule is one `no-restricted-imports` entry per file glob (flat config replaces a rule's options, it
// does not merge them), built from the bans below, plus a `no-restricted-syntax` twin for `import()` and
// `require()` with a literal, which `no-restricted-imports` does not see.
// ---------------------------------------------------------------------------------------------------------------

/** @typedef {{ regex: RegExp, message: string, allowTypeImports?: boolean }} Ban */

/**
 * A relative import that climbs out of the file's folder into src/AREA. Import specifiers are matched as written
 * (no rule resolves them), and no folder or file below src/ repeats a layer’s name, so `../../node/pool` from
 * src/core/audit/ can only mean src/node.
 * @param {string} area
 * @param {string} why
 * @param {{ types?: boolean }} [options] `types: true` allows `import type` (erased at build time)
 * @returns {Ban}
 */
function area(area, why, { types = false } = {}) {
  return {
    regex: new RegExp(`^(?:\\./)?(?:\\.\\./)+${area}(?:/|$)`),
    message: `src/${area} ${why}${types ? ' `import type` from it is fine (erased at build time).' : ''}`,
    ...(types ? { allowTypeImports: true } : {}),
  };
}

/** @type {Ban} */
const VSCODE = {
  regex: /^vscode$/,
  message: 'only src/extension runs inside VS Code: the engine, the CLI and the panel must work without it.',
};

/** @type {Ban} Every Node built-in module by its bare name: write `node:fs`, so the layer rules can see it. */
const BARE_BUILTIN = {
  regex: new RegExp(
    `^(?:${builtinModules
      .filter((m) => !m.startsWith('_') && !m.includes('/'))
      .sort()
      .join('|')})(?:/|$)`,
  ),
  message: 'import Node built-ins with the `node:` prefix.',
};

/** @type {Ban} */
const ANY_NODE_BUILTIN = {
  regex: /^node:/,
  message: 'browser code (the panel and src/shared, which the panel bundles) has no Node modules.',
};

// The engine is meant to run anywhere Node runs without touching the machine: no file system, processes,
// threads, network, environment or OS (so none of node:fs, fs/promises, child_process, worker_threads, net,
// http(s), http2, dns, os, process, v8, vm, module …: that is src/node's job). Three built-ins are pure
// computation with one result on every platform and stay allowed, each only by the names it needs:
// - node:path, `posix` only: string arithmetic on the report's `/`-separated paths (`path.join` would give `\`
//   on Windows, so the default export is banned);
// - node:crypto, `createHash` only: sha1 content hashes for the fact cache and the rubric's identity; Web
//   Crypto's `subtle.digest` is asynchronous and would make parsing async for no gain;
// - node:url, `pathToFileURL` only: SARIF's `originalUriBaseIds` turns the absolute root that the shell hands
//   in into a file URI (the root is the host's own path syntax, so the host's conversion is the right one).
const CORE_PURE_BUILTINS = { 'node:path': ['posix'], 'node:crypto': ['createHash'], 'node:url': ['pathToFileURL'] };

/** @type {Ban} */
const CORE_IMPURE_BUILTIN = {
  regex: new RegExp(
    `^node:(?!(?:${Object.keys(CORE_PURE_BUILTINS)
      .map((m) => m.slice(5))
      .join('|')})$)`,
  ),
  message: 'the engine does no I/O: reading, writing, processes, threads and the environment belong in src/node.',
};

const CORE_PURE_PATHS = Object.entries(CORE_PURE_BUILTINS).map(([name, allowImportNames]) => ({
  name,
  allowImportNames,
  message: `the engine uses only ${allowImportNames.join(', ')} of ${name} (pure computation; see eslint.config.mjs).`,
}));

const SHELL = 'is a shell: nothing below it imports it.';
const BROWSER = 'is the panel’s browser bundle: nothing else runs its code.';

/** What each layer of src/ may not import; every layer also gets VSCODE (except the extension) and BARE_BUILTIN. */
const LAYERS = {
  core: {
    bans: [
      area('node', 'is Node I/O, which the shells hand to the engine: the engine imports none of it.'),
      area('cli', SHELL),
      area('extension', SHELL),
      area('webview', BROWSER, { types: true }),
      CORE_IMPURE_BUILTIN,
    ],
    paths: CORE_PURE_PATHS,
  },
  node: { bans: [area('cli', SHELL), area('extension', SHELL), area('webview', BROWSER, { types: true })] },
  cli: {
    bans: [
      area('extension', 'is the other shell: the CLI never imports it.'),
      area('webview', BROWSER, { types: true }),
    ],
  },
  extension: {
    bans: [
      area('cli', 'is the other shell: share code through src/core, src/node or src/shared.'),
      area('webview', BROWSER, { types: true }),
    ],
    vscode: true,
  },
  shared: {
    bans: [
      area('core', 'is the engine, which the panel does not bundle.', { types: true }),
      area('node', 'is Node I/O, which the panel cannot run.', { types: true }),
      area('cli', 'is a shell: src/shared is what the shells import, never the other way.'),
      area('extension', 'is a shell: src/shared is what the shells import, never the other way.'),
      area('webview', BROWSER, { types: true }),
      ANY_NODE_BUILTIN,
    ],
    browser: true,
  },
  webview: {
    bans: [
      area('core', 'is the engine, which the panel does not bundle: it receives the report by message.', {
        types: true,
      }),
      area('node', 'is Node I/O, which the panel cannot run.', { types: true }),
      area('cli', 'is a shell: the panel talks to the extension only by message (src/shared/protocol.ts).'),
      area('extension', 'is a shell: the panel talks to the extension only by message (src/shared/protocol.ts).'),
      ANY_NODE_BUILTIN,
    ],
    browser: true,
  },
};

/**
 * The two rules that enforce a list of bans.
 * @param {Ban[]} bans
 * @param {object[]} [paths]
 */
function importRules(bans, paths = []) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths,
        patterns: bans.map((b) => ({
          regex: b.regex.source,
          caseSensitive: true,
          message: b.message,
          ...(b.allowTypeImports ? { allowTypeImports: true } : {}),
        })),
      },
    ],
    'no-restricted-syntax': [
      'error',
      ...bans.flatMap((b) => [
        { selector: `ImportExpression[source.value=/${b.regex.source}/]`, message: `import(): ${b.message}` },
        {
          selector: `CallExpression[callee.name="require"][arguments.0.value=/${b.regex.source}/]`,
          message: `require(): ${b.message}`,
        },
      ]),
    ],
  };
}

/**
 * Node's environment and module loader: neither the engine nor browser code reads them (they get what they need
 * as arguments). The engine may use `Buffer` (byte and UTF-16 conversions, pure computation); the panel may not.
 * @param {string[]} names
 */
const nodeGlobals = (names) =>
  names.map((name) => ({
    name,
    message: 'Node’s environment: the engine and the panel get what they need as arguments.',
  }));
const CORE_GLOBALS = nodeGlobals(['process', 'require', '__dirname', '__filename']);
const BROWSER_GLOBALS = nodeGlobals(['process', 'require', '__dirname', '__filename', 'Buffer']);

const layerConfigs = Object.entries(LAYERS).map(([name, layer]) => ({
  name: `layers/${name}`,
  files: [`src/${name}/**/*.ts`],
  rules: {
    ...importRules([...layer.bans, ...('vscode' in layer ? [] : [VSCODE]), BARE_BUILTIN], layer.paths),
    ...(name === 'core' ? { 'no-restricted-globals': ['error', ...CORE_GLOBALS] } : {}),
    ...('browser' in layer ? { 'no-restricted-globals': ['error', ...BROWSER_GLOBALS] } : {}),
  },
}));

export default defineConfig(
  globalIgnores([
    'dist/',
    'out/',
    'media/',
    '.cache/',
    'coverage/',
    'test-results/',
    'bench-results/',
    'examples/',
    'test/fixtures/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'project',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Destructuring a property away (`const { ok: _ok, ...rest } = read`) is how the code drops one; `_x` is unused.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // Control characters in patterns are deliberate: output is made terminal-safe by matching them.
      'no-control-regex': 'off',
    },
  },
  {
    name: 'scripts (plain JavaScript run by Node)',
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    // A CommonJS file (a `node -r` preload) has only require().
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Outside src/ only the `node:` prefix is asked for (tests and scripts may import any layer).
  { name: 'layers/outside src', files: ['**/*.{ts,mts,mjs,cjs,js}'], rules: importRules([BARE_BUILTIN]) },
  ...layerConfigs,
  prettier,
  // After Prettier's config (which turns max-len off): Prettier wraps code at 120 columns but never splits a
  // string or a comment; comments are held to the same width, long messages and patterns may run on.
  {
    name: 'line length',
    files: ['src/**/*.ts'],
    rules: {
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
);
