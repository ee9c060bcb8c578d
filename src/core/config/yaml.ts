/**
 * Reading validated YAML data files (rubrics, the workspace config): parse
 * with positions, validate against a JSON Schema, and report every problem
 * at the file, line and column of the key or value at fault.
 *
 * Both loaders go through here so that a rubric and a config file fail the
 * same way and a user learns one error format.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { firstAliasOffset } from '../parse/frontmatter';
import type { LocatedError } from './types';

/** Path into the data: mapping keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** A 1-based place in the file. */
export interface YamlPosition {
  line: number;
  column: number;
}

export interface ParsedYaml {
  /** The plain data; undefined when the text is not readable YAML (see `errors`). */
  value?: unknown;
  /** YAML and schema errors, in file order. */
  errors: LocatedError[];
  /** Data paths of the schema errors, so a loader can keep the valid parts. */
  invalidPaths: YamlPath[];
  /**
   * Where the key (`part: 'key'`) or the value at `path` is written. A path
   * that is not in the file falls back to its nearest written ancestor, so a
   * message always has a place.
   */
  locate(path: YamlPath, part?: 'key' | 'value'): YamlPosition;
}

/**
 * Rewrites one schema error into a message of its own, or returns undefined
 * to keep the generic one. Used for errors whose generic text cannot say what
 * to do (for example an unsupported `extends`).
 */
export type MessageOverride = (error: ErrorObject, at: string) => string | undefined;

/**
 * Aliases one file may expand. Real rubrics and configs use a handful at
 * most; the limit stops "billion laughs" documents before they allocate.
 */
export const MAX_ALIAS_COUNT = 50;

let ajv: Ajv | undefined;

/**
 * Compiles a JSON Schema with the shared validator instance. `allErrors` so a
 * user sees every mistake at once; `verbose` so messages can quote the value
 * and the limits of the failing schema.
 */
export function compileSchema(schema: object): ValidateFunction {
  ajv ??= createAjv();
  return ajv.compile(schema);
}

function createAjv(): Ajv {
  const instance = new Ajv({ allErrors: true, verbose: true, strictTypes: false });
  // VS Code's schema support shows this message in the editor; we show it at run time too.
  instance.addKeyword('patternErrorMessage');
  return instance;
}

/**
 * Parses `text` as one YAML document and validates it with `validate`.
 *
 * YAML syntax errors, duplicate keys, unsupported tags and alias bombs stop
 * before validation (the data would be unreliable); schema errors are all
 * reported, each at the place of the key or value concerned.
 *
 * @param file - Name used in the errors.
 * @param override - Optional custom wording for particular schema errors.
 */
export function parseValidatedYaml(
  text: string,
  file: string,
  validate: ValidateFunction,
  override?: MessageOverride,
): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): YamlPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate = (path: YamlPath, part: 'key' | 'value' = 'value'): YamlPosition => at(offsetOf(doc, path, part));
  const located = (pos: YamlPosition, message: string): LocatedError => ({ file, ...pos, message });

  const syntax = [...doc.errors, ...doc.warnings].map((e) =>
    located(at(e.pos[0]), yamlMessage(e.code, e.message, text, e.pos)),
  );
  if (syntax.length > 0) return { errors: sortErrors(syntax), invalidPaths: [], locate };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT, reviver: isoDates });
  } catch (e) {
    const alias = firstAliasOffset(doc);
    const message =
      e instanceof ReferenceError
        ? `YAML aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT} allowed): write the values out instead of repeating \`*alias\` references`
        : `YAML could not be read: ${(e as Error).message}`;
    return { errors: [located(at(alias), message)], invalidPaths: [], locate };
  }

  const errors: LocatedError[] = [];
  const invalidPaths: YamlPath[] = [];
  if (!validate(value)) {
    for (const error of validate.errors ?? []) {
      const described = describeSchemaError(error, override);
      if (!described) continue;
      errors.push(located(locate(described.path, described.part), described.message));
      invalidPaths.push(described.path);
    }
  }
  return { value, errors: sortErrors(dedupe(errors)), invalidPaths, locate };
}

/** `%YAML 1.1` files turn dates into Date objects; the schemas expect the date text. */
function isoDates(_key: unknown, value: unknown): unknown {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

function yamlMessage(code: string, message: string, text: string, pos: [number, number]): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(text.slice(pos[0]))?.[0].trim();
    return `duplicate key \`${key}\`: a key may appear only once in a mapping; keep one and remove the other`;
  }
  if (code === 'TAG_RESOLVE_FAILED') return `${message}: YAML tags are not supported here; write the plain value`;
  return `invalid YAML: ${message}`;
}

/** Offset of the key or value at `path`, or of its nearest written ancestor. */
function offsetOf(doc: Document.Parsed, path: YamlPath, part: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: { key?: Node; value: unknown } | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
      if (pair) next = { key: pair.key as Node, value: pair.value };
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item !== undefined) next = { value: item };
    }
    if (!next) break;
    keyNode = next.key;
    node = next.value;
    // A key without a value (`owner:`) has no value node; point at the key.
    if (node === null || node === undefined) return keyNode?.range?.[0] ?? 0;
  }
  if (part === 'key' && keyNode?.range) return keyNode.range[0];
  const range = (node as Node | null)?.range;
  return range ? range[0] : (keyNode?.range?.[0] ?? 0);
}

interface DescribedError {
  path: YamlPath;
  part: 'key' | 'value';
  message: string;
}

/** Turns one ajv error into a path, the part to point at and a message that says what is expected. */
function describeSchemaError(error: ErrorObject, override?: MessageOverride): DescribedError | undefined {
  const base = pointerToPath(error.instancePath);
  // `if` only repeats what its branch's own errors say; `propertyNames` is reported by its inner error.
  if (error.keyword === 'if' || error.keyword === 'propertyNames') return undefined;

  const key = error.propertyName;
  const path = key !== undefined ? [...base, key] : base;
  const at = key !== undefined ? `key \`${key}\`${inside(base)}` : base.length ? `\`${display(base)}\`` : 'the file';
  const described = genericError(error, base, path, at);
  const custom = override?.(error, at);
  return custom ? { ...described, message: custom } : described;
}

function genericError(error: ErrorObject, base: YamlPath, path: YamlPath, at: string): DescribedError {
  const key = error.propertyName;
  const p = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      const allowed = Object.keys((schema.properties ?? {}) as object);
      return {
        path: [...base, extra],
        part: 'key',
        message: `unknown key \`${extra}\`${inside(base)}; expected ${allowed.length ? `one of: ${allowed.join(', ')}` : 'no other keys'}`,
      };
    }
    case 'required':
      return {
        path: base,
        part: 'key',
        message: `${base.length ? `\`${display(base)}\`` : 'the file'} is missing the required key \`${String(p.missingProperty)}\``,
      };
    case 'type':
      return {
        path,
        part: 'value',
        message: `${at} must be ${typeName(String(p.type))}, not ${describeValue(error.data)}`,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, part: 'value', message: `${at} must be ${rangeText(schema)}, not ${describeValue(error.data)}` };
    case 'enum':
      return {
        path,
        part: 'value',
        message: `${at} must be one of: ${(p.allowedValues as unknown[]).join(', ')}; not ${describeValue(error.data)}`,
      };
    case 'pattern':
      return {
        path,
        part: key !== undefined ? 'key' : 'value',
        message: `${at} ${String(schema.patternErrorMessage ?? `must match ${String(p.pattern)}`)}, not ${describeValue(error.data)}`,
      };
    case 'minItems':
      return {
        path,
        part: 'value',
        message: `${at} must list at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`,
      };
    case 'maxItems':
      return { path, part: 'value', message: `${at} must list at most ${String(p.limit)} items` };
    case 'minLength':
      return { path, part: 'value', message: `${at} must not be empty` };
    case 'uniqueItems':
      return {
        path: [...path, Number(p.i)],
        part: 'value',
        message: `${at} lists ${describeValue(Array.isArray(error.data) ? error.data[Number(p.i)] : undefined)} twice; keep one`,
      };
    case 'false schema':
      return { path, part: 'key', message: `${at} cannot be set here; remove it` };
    default:
      return { path, part: 'value', message: `${at} ${error.message ?? 'is not valid'}` };
  }
}

/** JSON Pointer (`/checks/owner/levels/0`) to path segments. */
function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `checks.owner.levels[0].threshold` */
function display(path: YamlPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function inside(path: YamlPath): string {
  return path.length ? ` in \`${display(path)}\`` : ' at the top level';
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping of keys to values',
    array: 'a list',
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    null: 'empty',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}

function rangeText(schema: Record<string, unknown>): string {
  const { minimum, maximum } = schema;
  if (typeof minimum === 'number' && typeof maximum === 'number') return `between ${minimum} and ${maximum}`;
  if (typeof minimum === 'number') return `at least ${minimum}`;
  if (typeof maximum === 'number') return `at most ${maximum}`;
  return 'in range';
}

/** Short description of a value for a message: the value itself when it is small. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function dedupe(errors: LocatedError[]): LocatedError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const id = `${e.line}:${e.column}:${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function sortErrors(errors: LocatedError[]): LocatedError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}
