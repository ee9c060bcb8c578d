/**
 * The shape of a rubric file as written, after schema validation. A complete
 * rubric fills every field; a rubric with `extends` lists only what it
 * changes. rubrics/rubric.schema.json is the authority; these types mirror it.
 */
import type { RubricLevel, RubricSettings, Severity } from './types';

export interface RubricFileLevelRule {
  level: number;
  threshold?: number;
  params?: Record<string, unknown>;
}

export interface RubricFileCheck {
  title?: string;
  description?: string;
  hint?: string;
  area?: string;
  scope?: 'document' | 'workspace';
  severity?: Severity;
  enabled?: boolean;
  params?: Record<string, unknown>;
  levels?: RubricFileLevelRule[];
}

export interface RubricFileTrait {
  title?: string;
  level?: number;
  area?: string;
  words?: string[];
  addWords?: string[];
  enabled?: boolean;
}

export interface RubricFile {
  extends?: 'oml';
  id?: string;
  title?: string;
  description?: string;
  docsUrl?: string;
  levels?: RubricLevel[];
  settings?: Partial<RubricSettings>;
  aliases?: {
    frontMatter?: Record<string, string[]>;
    headings?: Record<string, string[]>;
  };
  checks?: Record<string, RubricFileCheck>;
  disable?: string[];
  traits?: Record<string, RubricFileTrait>;
}
