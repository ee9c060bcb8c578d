/**
 * Applies a validated rubric file onto a base rubric. A complete rubric is
 * merged onto an empty base, so both forms share one set of rules:
 * scalars replace, check `params` merge key by key, check `levels` replace,
 * aliases append, trait `words` replace and `addWords` append, listed
 * settings replace.
 */
import type {
  CheckLevelRule,
  Rubric,
  RubricAliases,
  RubricCheck,
  RubricLevel,
  RubricSettings,
  RubricTrait,
} from './types';
import type { RubricFile, RubricFileCheck, RubricFileTrait } from './file';
import { normalizeKey } from '../text';

/** A rubric before it is given its source and fingerprint. */
export type RubricBody = Omit<Rubric, 'source' | 'fingerprint'>;

/** The base a complete rubric is merged onto; the schema guarantees it gets filled. */
export function emptyRubric(): RubricBody {
  return {
    id: '',
    title: '',
    description: '',
    docsUrl: '',
    levels: [],
    checks: [],
    traits: [],
    aliases: { frontMatter: {}, headings: {} },
    settings: {} as RubricSettings,
  };
}

/** Returns a new rubric: `base` with the changes of `file`. Neither input is modified. */
export function mergeRubric(base: RubricBody, file: RubricFile): RubricBody {
  const disabled = new Set(file.disable ?? []);
  const checks = mergeById(base.checks, file.checks, mergeCheck).map((c) =>
    disabled.has(c.id) ? { ...c, enabled: false } : c,
  );
  return {
    id: file.id ?? base.id,
    title: file.title ?? base.title,
    description: file.description ?? base.description,
    docsUrl: file.docsUrl ?? base.docsUrl,
    levels: mergeLevels(base.levels, file.levels),
    checks,
    traits: mergeById(base.traits, file.traits, mergeTrait).filter((t): t is RubricTrait => t !== undefined),
    aliases: mergeAliases(base.aliases, file.aliases),
    settings: { ...base.settings, ...file.settings },
  };
}

/** Keeps the base's order, then appends new ids in file order. */
function mergeById<T extends { id: string }, O, R>(
  base: readonly T[],
  overrides: Record<string, O> | undefined,
  merge: (id: string, prev: T | undefined, over: O | undefined) => R,
): R[] {
  const out = base.map((item) => merge(item.id, item, overrides?.[item.id]));
  const known = new Set(base.map((b) => b.id));
  for (const [id, over] of Object.entries(overrides ?? {})) {
    if (!known.has(id)) out.push(merge(id, undefined, over));
  }
  return out;
}

function mergeCheck(id: string, prev: RubricCheck | undefined, over: RubricFileCheck | undefined): RubricCheck {
  return {
    id,
    title: over?.title ?? prev?.title ?? id,
    description: over?.description ?? prev?.description ?? '',
    hint: over?.hint ?? prev?.hint ?? '',
    area: over?.area ?? prev?.area ?? '',
    scope: over?.scope ?? prev?.scope ?? 'document',
    severity: over?.severity ?? prev?.severity ?? 'warning',
    params: { ...prev?.params, ...over?.params },
    levels: over?.levels ? sortLevels(over.levels.map(levelRule)) : (prev?.levels ?? []),
    enabled: over?.enabled ?? prev?.enabled ?? true,
  };
}

function levelRule(rule: CheckLevelRule): CheckLevelRule {
  const out: CheckLevelRule = { level: rule.level };
  if (rule.threshold !== undefined) out.threshold = rule.threshold;
  if (rule.params !== undefined) out.params = { ...rule.params };
  return out;
}

function sortLevels<T extends { level: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.level - b.level);
}

function mergeTrait(
  id: string,
  prev: RubricTrait | undefined,
  over: RubricFileTrait | undefined,
): RubricTrait | undefined {
  if (over?.enabled === false) return undefined;
  const words = [...(over?.words ?? prev?.words ?? []), ...(over?.addWords ?? [])];
  return {
    id,
    title: over?.title ?? prev?.title ?? id,
    level: over?.level ?? prev?.level ?? 1,
    area: over?.area ?? prev?.area ?? '',
    words: unique(words.map(normalizePhrase)),
  };
}

function mergeLevels(base: readonly RubricLevel[], over: readonly RubricLevel[] | undefined): RubricLevel[] {
  const byLevel = new Map(base.map((l) => [l.level, l]));
  for (const l of over ?? []) byLevel.set(l.level, { level: l.level, name: l.name, summary: l.summary });
  return sortLevels([...byLevel.values()]);
}

function mergeAliases(base: RubricAliases, over: RubricFile['aliases']): RubricAliases {
  return {
    frontMatter: appendLists(base.frontMatter, over?.frontMatter, normalizeKey),
    headings: appendLists(base.headings, over?.headings, normalizePhrase),
  };
}

function appendLists(
  base: Record<string, string[]>,
  over: Record<string, string[]> | undefined,
  normalize: (s: string) => string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const concept of new Set([...Object.keys(base), ...Object.keys(over ?? {})])) {
    out[concept] = unique([...(base[concept] ?? []), ...(over?.[concept] ?? [])].map(normalize));
  }
  return out;
}

/** Headings and words match case-insensitively; store them lower case with single spaces. */
function normalizePhrase(phrase: string): string {
  return phrase.trim().toLowerCase().replace(/\s+/g, ' ');
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
