/**
 * Loading rubrics: the built-in one (rubrics/oml.yaml, bundled as text) and
 * user rubric files, which are YAML data validated against
 * rubrics/rubric.schema.json. A rubric can only extend the built-in rubric;
 * it never loads other files or runs code.
 */
import { createHash } from 'node:crypto';
import type { ErrorObject, ValidateFunction } from 'ajv';
import omlText from '../../../rubrics/oml.yaml';
import rubricSchema from '../../../rubrics/rubric.schema.json';
import type { LocatedError } from '../config/types';
import type { Rubric } from './types';
import { parse as parseYaml } from 'yaml';
import { compileSchema, describeValue, parseValidatedYaml } from '../config/yaml';
import type { RubricFile } from './file';
import { emptyRubric, mergeRubric, type RubricBody } from './merge';
import { validateRubricFile } from './validate';

/** The file name the built-in rubric's errors are reported against. */
const BUILTIN_FILE = 'rubrics/oml.yaml';

let builtin: Rubric | undefined;
let validator: ValidateFunction | undefined;

export interface LoadRubricOptions {
  /** Check ids the engine implements; every check id the rubric names must be one of them. */
  knownChecks?: ReadonlySet<string>;
}

export interface LoadRubricResult {
  /** The effective rubric; undefined when there are errors. */
  rubric?: Rubric;
  errors: LocatedError[];
}

/**
 * Returns the built-in OML rubric (parsed once, then cached).
 *
 * @throws Error when rubrics/oml.yaml is invalid: that is a bug in the build,
 * not something a user can fix, so it must not pass silently.
 */
export function loadBuiltinRubric(): Rubric {
  if (builtin) return builtin;
  // Our own file, checked against the schema and the engine's rules by the tests (rubric-builtin.test.ts):
  // read as plain YAML, without compiling the schema validator, which cost more than the rest of the first audit's
  // setup.
  const data = parseYaml(omlText, { uniqueKeys: true }) as RubricFile;
  if (data && typeof data === 'object' && !data.extends) {
    builtin = finish(mergeRubric(emptyRubric(), data), 'builtin');
    return builtin;
  }
  builtin = loadValidatedBuiltinRubric();
  return builtin;
}

/**
 * The built-in rubric read the way a user's rubric is: parsed with
 * positions, validated against the schema and the engine's rules.
 *
 * @throws Error when rubrics/oml.yaml is invalid.
 */
export function loadValidatedBuiltinRubric(): Rubric {
  const { rubric, errors } = loadRubricText(omlText, BUILTIN_FILE);
  if (!rubric) {
    throw new Error(
      `The built-in rubric is invalid:\n${errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n')}`,
    );
  }
  // The fingerprint covers the rubric's content only, so it stays valid with the new source.
  return { ...rubric, source: 'builtin' };
}

/**
 * Parses and validates a rubric file and returns the effective rubric.
 *
 * With `extends: oml` the file's entries are merged onto the built-in rubric
 * (see rubric.schema.json for what each key does); without it the file must
 * be a complete rubric. Every problem is returned with its line and column;
 * there is no rubric when there is any error.
 *
 * @param file - Path of the file; becomes the rubric's `source` and names the file in errors.
 */
export function loadRubricText(text: string, file: string, opts: LoadRubricOptions = {}): LoadRubricResult {
  validator ??= compileSchema(rubricSchema);
  const parsed = parseValidatedYaml(text, file, validator, rubricMessage);
  if (parsed.errors.length > 0) return { errors: parsed.errors };

  const data = parsed.value as RubricFile;
  const base = data.extends ? stripped(loadBuiltinRubric()) : undefined;
  const errors = validateRubricFile(data, { file, base, knownChecks: opts.knownChecks, locate: parsed.locate });
  if (errors.length > 0) return { errors };

  return { rubric: finish(mergeRubric(base ?? emptyRubric(), data), file), errors: [] };
}

/** Wording for schema errors whose generic message would not say what to do. */
function rubricMessage(error: ErrorObject, at: string): string | undefined {
  if (error.instancePath === '/extends' && error.keyword === 'enum') {
    return `\`extends\` must be \`oml\`, not ${describeValue(error.data)}: a rubric can only build on the built-in rubric and never loads other files`;
  }
  if (error.keyword === 'false schema' && error.instancePath.endsWith('/scope')) {
    return `${at} cannot be changed: a check's scope is fixed by its implementation; remove it`;
  }
  return undefined;
}

function stripped(rubric: Rubric): RubricBody {
  const { source: _source, fingerprint: _fingerprint, ...body } = rubric;
  return body;
}

function finish(body: RubricBody, source: string): Rubric {
  return { ...body, source, fingerprint: fingerprint(body) };
}

/** SHA-1 of the rubric's JSON with keys sorted, so equal rubrics get equal fingerprints. */
function fingerprint(body: RubricBody): string {
  return createHash('sha1').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
