/**
 * The one typed, validated reader of `sopMaturity.*` settings, and the merge
 * of settings with a folder's `.sopmaturity.yml` (the file wins: it travels
 * with the repository, so CI and every editor see the same rules).
 */
import type { SopConfig } from '../core/config/types';
import type { Severity } from '../core/rubric/types';
import { Setting } from './constants';

/** When the extension re-audits a document that is being edited. */
export type RunMode = 'onType' | 'onSave' | 'off';

/** Every `sopMaturity.*` setting, validated and with defaults applied. */
export interface ExtensionSettings {
  /** False turns the audit off for the folder: no audit, no diagnostics, no status bar item. */
  enable: boolean;
  /** Leave out what `.gitignore` files ignore (`.sopmaturity.yml`'s `gitignore` wins). */
  useGitignore: boolean;
  /** Globs of Markdown files to audit; empty means the engine's default. */
  include: string[];
  /** Globs excluded in addition to the engine's built-in excludes. */
  exclude: string[];
  /** Central documentation folder relative to the workspace folder; '' means the default rule. */
  centralFolder: string;
  /** Rubric file relative to the workspace folder; '' means the built-in OML rubric. */
  rubric: string;
  /** Severity overrides by check id. */
  severity: Record<string, Severity | 'off'>;
  run: RunMode;
  /** Delay after the last keystroke before a document is re-audited. */
  debounceMs: number;
  /** Files larger than this are listed as skipped, not parsed. */
  maxFileBytes: number;
}

/** Defaults; package.json's `contributes.configuration` states the same values (a test compares them). */
export const DEFAULT_SETTINGS: Readonly<ExtensionSettings> = Object.freeze({
  enable: true,
  useGitignore: true,
  include: [],
  exclude: [],
  centralFolder: '',
  rubric: '',
  severity: {},
  run: 'onType',
  debounceMs: 300,
  maxFileBytes: 5_000_000,
});

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'hint', 'off']);
const RUN_MODES: ReadonlySet<string> = new Set(['onType', 'onSave', 'off']);

/** The part of `vscode.WorkspaceConfiguration` this module needs (so tests can pass a plain object). */
export interface SettingsSource {
  get<T>(key: string): T | undefined;
}

/**
 * Reads and validates the settings. A value of the wrong type falls back to
 * its default rather than failing: a typo in settings.json must not stop the audit.
 */
export function readSettings(source: SettingsSource): ExtensionSettings {
  const d = DEFAULT_SETTINGS;
  return {
    enable: boolean(source.get(Setting.enable)) ?? d.enable,
    useGitignore: boolean(source.get(Setting.useGitignore)) ?? d.useGitignore,
    include: stringArray(source.get(Setting.include)) ?? d.include,
    exclude: stringArray(source.get(Setting.exclude)) ?? d.exclude,
    centralFolder: trimmedString(source.get(Setting.centralFolder)) ?? d.centralFolder,
    rubric: trimmedString(source.get(Setting.rubric)) ?? d.rubric,
    severity: severityMap(source.get(Setting.severity)) ?? d.severity,
    run: oneOf(source.get(Setting.run), RUN_MODES) ?? d.run,
    debounceMs: wholeNumber(source.get(Setting.debounceMs), 0, 10_000) ?? d.debounceMs,
    maxFileBytes: wholeNumber(source.get(Setting.maxFileBytes), 1, Number.MAX_SAFE_INTEGER) ?? d.maxFileBytes,
  };
}

/**
 * The effective configuration of one workspace folder: engine defaults,
 * then settings, then `.sopmaturity.yml`.
 *
 * The config loader fills every key the file leaves out with its default, so
 * "the file sets this key" is read as "the file's value differs from the
 * default". Severity overrides merge per check id (the file wins per id).
 */
export function mergeConfig(defaults: SopConfig, settings: ExtensionSettings, file?: SopConfig): SopConfig {
  // `gitignore` is the setting's unless the file says otherwise (the loader keeps the key only when the file has it).
  const merged: SopConfig = {
    ...defaults,
    include: settings.include.length > 0 ? [...settings.include] : defaults.include,
    exclude: [...defaults.exclude, ...settings.exclude.filter((g) => !defaults.exclude.includes(g))],
    centralFolder: settings.centralFolder || defaults.centralFolder,
    rubric: settings.rubric || defaults.rubric,
    severity: { ...defaults.severity, ...settings.severity },
    maxFileBytes: settings.maxFileBytes,
    gitignore: settings.useGitignore,
  };
  if (!file) return merged;
  const out: Record<string, unknown> = { ...merged };
  for (const key of Object.keys(file) as (keyof SopConfig)[]) {
    if (key === 'severity') continue;
    if (!sameValue(file[key], defaults[key])) out[key] = file[key];
  }
  out.severity = { ...merged.severity, ...file.severity };
  return out as unknown as SopConfig;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function boolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function stringArray(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

function trimmedString(value: unknown): string | undefined {
  return typeof value === 'string'
    ? value
        .trim()
        .replace(/^\.\/+/, '')
        .replace(/\/+$/, '')
    : undefined;
}

function oneOf<T extends string>(value: unknown, allowed: ReadonlySet<string>): T | undefined {
  return typeof value === 'string' && allowed.has(value) ? (value as T) : undefined;
}

function wholeNumber(value: unknown, min: number, max: number): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return Math.min(max, Math.max(min, Math.round(value)));
}

function severityMap(value: unknown): Record<string, Severity | 'off'> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, Severity | 'off'> = {};
  for (const [id, sev] of Object.entries(value)) {
    if (typeof sev === 'string' && SEVERITIES.has(sev)) out[id] = sev as Severity | 'off';
  }
  return out;
}
