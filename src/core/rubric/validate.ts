/**
 * Rules of a rubric file that a JSON Schema cannot express: check ids must
 * name checks that exist, a new trait must be complete, thresholds belong to
 * document checks only, and a level may appear once per list.
 */
import type { LocatedError } from '../config/types';
import type { YamlPath, YamlPosition } from '../config/yaml';
import type { RubricFile, RubricFileLevelRule } from './file';
import type { RubricBody } from './merge';

export interface ValidateContext {
  file: string;
  /** The rubric being extended, or undefined for a complete rubric. */
  base?: RubricBody;
  /** Check ids the engine implements; when given, every check id must be one of them. */
  knownChecks?: ReadonlySet<string>;
  locate(path: YamlPath, part?: 'key' | 'value'): YamlPosition;
}

/** Returns the errors of a schema-valid rubric file; an empty list means it can be merged. */
export function validateRubricFile(data: RubricFile, ctx: ValidateContext): LocatedError[] {
  const errors: LocatedError[] = [];
  const report = (path: YamlPath, part: 'key' | 'value', message: string): void => {
    errors.push({ file: ctx.file, ...ctx.locate(path, part), message });
  };

  for (const [id, check] of Object.entries(data.checks ?? {})) {
    const problem = unknownCheck(id, ctx);
    if (problem) {
      report(['checks', id], 'key', problem);
      continue;
    }
    if (check.levels) {
      const scope = check.scope ?? ctx.base?.checks.find((c) => c.id === id)?.scope ?? 'document';
      checkLevelRules(check.levels, scope, ['checks', id, 'levels'], report);
    }
  }

  (data.disable ?? []).forEach((id, i) => {
    const problem = unknownCheck(id, ctx);
    if (problem) report(['disable', i], 'value', problem);
  });

  for (const [id, trait] of Object.entries(data.traits ?? {})) {
    const isNew = !ctx.base?.traits.some((t) => t.id === id);
    const missing = (['title', 'level', 'area', 'words'] as const).filter((k) => trait[k] === undefined);
    if (ctx.base && isNew && trait.enabled !== false && missing.length > 0) {
      report(
        ['traits', id],
        'key',
        `new trait \`${id}\` is missing ${missing.map((k) => `\`${k}\``).join(', ')}: a trait that the base rubric does not have needs a title, a level, an area and words`,
      );
    }
  }

  duplicateLevels(data.levels ?? [], ['levels'], report, 'level');
  return errors;
}

function unknownCheck(id: string, ctx: ValidateContext): string | undefined {
  if (ctx.knownChecks && !ctx.knownChecks.has(id)) {
    return `unknown check \`${id}\`: no check has this id; known checks are ${[...ctx.knownChecks].sort().join(', ')}`;
  }
  if (ctx.base && !ctx.base.checks.some((c) => c.id === id)) {
    return `unknown check \`${id}\`: the \`${ctx.base.id}\` rubric has no such check, and a rubric that extends it can only change its checks; known checks are ${ctx.base.checks.map((c) => c.id).join(', ')}`;
  }
  return undefined;
}

function checkLevelRules(
  rules: readonly RubricFileLevelRule[],
  scope: 'document' | 'workspace',
  path: YamlPath,
  report: (path: YamlPath, part: 'key' | 'value', message: string) => void,
): void {
  rules.forEach((rule, i) => {
    if (scope === 'document' && rule.threshold === undefined) {
      report(
        [...path, i],
        'value',
        `level ${rule.level} of a document check needs a \`threshold\`: the share of procedure documents (0 to 1) that must pass, for example 0.8`,
      );
    }
    if (scope === 'workspace' && rule.threshold !== undefined) {
      report(
        [...path, i, 'threshold'],
        'key',
        `a workspace check passes or fails as a whole, so its levels take no \`threshold\`; remove it`,
      );
    }
  });
  duplicateLevels(rules, path, report, 'rule');
}

function duplicateLevels(
  items: readonly { level: number }[],
  path: YamlPath,
  report: (path: YamlPath, part: 'key' | 'value', message: string) => void,
  what: 'level' | 'rule',
): void {
  const seen = new Set<number>();
  items.forEach((item, i) => {
    if (seen.has(item.level)) {
      report(
        [...path, i, 'level'],
        'value',
        what === 'level'
          ? `level ${item.level} is defined twice; keep one definition per level`
          : `level ${item.level} appears twice in this check; give each level one rule`,
      );
    }
    seen.add(item.level);
  });
}
