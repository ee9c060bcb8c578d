/**
 * The workspace configuration `.sopmaturity.yml`: defaults, loading with
 * located errors (rubrics/config.schema.json), and the Markdown file test the
 * shells use while discovering files.
 */
import type { ValidateFunction } from 'ajv';
import configSchema from '../../../rubrics/config.schema.json';
import { CHECK_IDS } from '../checks';
import { ALWAYS_EXCLUDED, DEFAULT_EXCLUDED } from './builtinExcludes';
import { compileGlobs } from './glob';
import type { LocatedError, SopConfig, TargetConfig } from './types';

export { CONFIG_FILE } from './configName';
import { compileSchema, parseValidatedYaml, type YamlPath, type YamlPosition } from './yaml';

/**
 * Where a key of the configuration file is written (the key's own place with `'key'`), for errors found after loading.
 */
export type ConfigLocate = (path: YamlPath, part?: 'key' | 'value') => YamlPosition;

let validator: ValidateFunction | undefined;

/** The configuration used when there is no `.sopmaturity.yml`, and the base every file is merged onto. */
export function defaultConfig(): SopConfig {
  return {
    include: ['**/*'],
    exclude: [...DEFAULT_EXCLUDED],
    markdownExtensions: ['.md', '.markdown', '.mdx', '.html.md', '.html.md.erb'],
    severity: {},
    maxFileBytes: 5_000_000,
    maxParseMs: 10_000,
    links: { ignore: [] },
    gitignore: true,
  };
}

/**
 * Parses and validates `.sopmaturity.yml`.
 *
 * Always returns a usable configuration: a key with an error keeps its
 * default (for `severity`, only the faulty entry is dropped), so one typo does
 * not stop the audit; the errors say what to correct.
 *
 * @param file - Path of the file, used in the errors.
 */
export function loadConfigText(
  text: string,
  file: string,
): { config: SopConfig; errors: LocatedError[]; locate: ConfigLocate } {
  validator ??= compileSchema(configSchema);
  const parsed = parseValidatedYaml(text, file, validator);
  const config = defaultConfig();
  const data = parsed.value;
  const bad = faultyKeys(parsed.invalidPaths);
  // An empty file (or one holding only comments) means "all defaults"; the schema allows it.
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return { config, errors: parsed.errors, locate: parsed.locate };

  const errors = [...parsed.errors];
  const asOf = (data as Record<string, unknown>).asOf;
  if (typeof asOf === 'string' && !bad.has('asOf') && !isCalendarDate(asOf)) {
    errors.push({
      file,
      ...parsed.locate(['asOf']),
      message: `\`asOf\` must be a day that exists, written YYYY-MM-DD (such as 2026-01-31), not "${asOf}"`,
    });
    bad.add('asOf');
  }

  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    // Unknown keys are schema errors too, so they are skipped here.
    if (bad.has(key)) continue;
    if (key === 'severity') {
      config.severity = Object.fromEntries(
        Object.entries(value as SopConfig['severity']).filter(([id]) => !bad.has(`severity/${id}`)),
      );
    } else if (key === 'targets') {
      config.targets = checkTargets(value as TargetConfig[], bad, (where, message) =>
        errors.push({ file, ...parsed.locate(['targets', ...where]), message }),
      );
    } else if (key === 'exclude') {
      config.exclude = [...new Set([...ALWAYS_EXCLUDED, ...(value as string[])])];
    } else {
      (config as unknown as Record<string, unknown>)[key] = value;
    }
  }
  // A glob refused as too long or too wide selects nothing: an error where it is written (it stays in the list,
  // matching nothing).
  const refuse = (where: YamlPath, label: string, written: unknown, strip = false) => {
    if (!Array.isArray(written)) return;
    for (const p of compileGlobs((written as string[]).map((g) => (strip ? g.replace(/^\/+/, '') : g))).problems) {
      const shown = p.pattern.length > 40 ? `${p.pattern.slice(0, 40)}…` : p.pattern;
      errors.push({
        file,
        ...parsed.locate([...where, p.index]),
        message: `\`${label}\` pattern \`${shown}\` is refused (${p.message}): shorten or split it`,
      });
    }
  };
  for (const key of ['include', 'exclude'] as const)
    if (!bad.has(key)) refuse([key], key, (data as Record<string, unknown>)[key]);
  // Site-root targets (`/repos/**`) are matched without their leading slash, as the workspace matches them.
  if (!bad.has('links'))
    refuse(['links', 'ignore'], 'links.ignore', (data as { links?: { ignore?: unknown } }).links?.ignore, true);
  return { config, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column), locate: parsed.locate };
}

/**
 * The top-level keys, and `severity/<id>` entries, that have an error. A
 * faulty severity entry drops only itself; anything else drops its whole
 * top-level key, because half a glob list would audit the wrong files.
 */
function faultyKeys(paths: readonly YamlPath[]): Set<string> {
  return new Set(
    paths
      .filter((p) => p.length > 0)
      .map((p) => ((p[0] === 'severity' || p[0] === 'targets') && p.length > 1 ? `${p[0]}/${p[1]}` : String(p[0]))),
  );
}

/**
 * The targets the schema accepted, checked further: exactly one of `level` and `check`, `share` with `check` only,
 * a check the engine implements, a `by` day that exists. A faulty target is dropped (with its error); the others stay.
 */
function checkTargets(
  targets: readonly TargetConfig[],
  bad: ReadonlySet<string>,
  report: (where: (string | number)[], message: string) => void,
): TargetConfig[] {
  const kept: TargetConfig[] = [];
  targets.forEach((t, i) => {
    if (bad.has(`targets/${i}`)) return;
    const before = kept.length;
    const fail = (where: (string | number)[], message: string) => {
      report([i, ...where], message);
      kept.length = before;
    };
    kept.push(t);
    if (t.level !== undefined && t.check !== undefined)
      fail([], 'a target names either a `level` or a `check` (with `share`), not both: split it in two');
    else if (t.level === undefined && t.check === undefined)
      fail([], 'a target needs a `level` (such as `level: 4`) or a `check` with a `share` (such as `share: 0.8`)');
    else if (t.check !== undefined && t.share === undefined)
      fail([], `the target for \`${t.check}\` needs a \`share\` (0 to 1) of procedures that must pass it`);
    else if (t.level !== undefined && t.share !== undefined)
      fail(['share'], '`share` goes with `check`; a `level` target has none');
    else if (t.check !== undefined && !CHECK_IDS.has(t.check))
      fail(
        ['check'],
        `unknown check \`${t.check}\`: no check has this id; known checks are ${[...CHECK_IDS].sort().join(', ')}`,
      );
    if (kept.length > before && !isCalendarDate(t.by))
      fail(['by'], `\`by\` must be a day that exists, written YYYY-MM-DD (such as 2027-03-31), not "${t.by}"`);
  });
  return kept;
}

/** True when `YYYY-MM-DD` names a day that exists (no 2026-02-30). */
function isCalendarDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

/**
 * True when `path` ends in one of the configured Markdown extensions
 * (case-insensitive), e.g. `Guide.MD` or `deploy.html.md.erb`.
 */
export function isMarkdownPath(path: string, config: SopConfig): boolean {
  const lower = path.toLowerCase();
  return config.markdownExtensions.some((ext) => lower.endsWith(ext.toLowerCase()));
}
