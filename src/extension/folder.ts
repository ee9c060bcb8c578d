/**
 * The audit state of one audit root: a workspace folder, or a folder below it
 * that holds its own `.sopmaturity.yml` (left out of its parent's audit). It
 * keeps the root's effective configuration and rubric, the engine's
 * `Workspace` fed with every selected Markdown file (editor text for open
 * documents, disk otherwise), and the latest report.
 *
 * The first load walks and reads the disk with node's file system, as the
 * CLI does (the extension declares no virtual-workspace support), and parses
 * in the CLI's worker pool: `findFiles` and `vscode.workspace.fs` cost a
 * round trip per file and walk build and cache folders the audit never reads.
 *
 * The extension host's thread never waits for a worker: the load awaits the
 * pool (`parseInParallelAsync`), and an edit's long text (over
 * `TIME_LIMIT_CHARS`) is parsed on the time-limit worker under `maxParseMs`
 * (`parseWithTimeLimitAsync`) while the host goes on; the facts reach the
 * engine only if no newer text came for the file meanwhile (`updateText`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CHECK_IDS,
  Workspace,
  defaultConfig,
  isOwnerFile,
  loadBuiltinRubric,
  loadConfigText,
  loadRubricText,
  invalidEncodingProblem,
  oversizedDocument,
  withFileProblem,
  type ConfigLocate,
  type DecodedText,
} from '../core';
import {
  confineConfig,
  needsTimeLimit,
  parseInParallelAsync,
  parseWithTimeLimitAsync,
  readConfinedFile,
  readRegularCapped,
  resolveInside,
  rubricKeyError,
} from '../node';
import type { LocatedError, SopConfig } from '../core/config/types';
import type { SopDocument } from '../core/parse/facts';
import type { Report } from '../core/report/types';
import type { Rubric } from '../core/rubric/types';
import { createFileExists, readTextFile } from '../node/discover';
import { readSite } from '../node/site';
import { CONFIG_FILE, SETTINGS_SECTION, Setting } from './constants';
import { DEFAULT_SETTINGS, mergeConfig, readSettings, type ExtensionSettings } from './config';
import { discover, filesExclude, loadPathRules, markdownSelector, type PathRules, type PathSelector } from './select';

/** The facts stored for a text given to the engine, or undefined when they were dropped (a newer text came first). */
type Parsed = SopDocument | undefined;

/** A document's text with the engine's facts of exactly that text. */
export interface Snapshot {
  text: string;
  doc: SopDocument;
}

/** Reports progress of a full audit as a share of the files read. */
export type ProgressSink = (done: number, total: number) => void;

/** Where the time of a full load went, in milliseconds (logged, and read by the bench through the API). */
export interface LoadTimings {
  configuration: number;
  discovery: number;
  reading: number;
  parsing: number;
  /** Markdown files read. */
  files: number;
}

export class FolderAudit {
  settings!: ExtensionSettings;
  config!: SopConfig;
  rubric!: Rubric;
  /** Config and rubric errors, by path relative to the folder. */
  configErrors = new Map<string, LocatedError[]>();
  /**
   * `.sopmaturity.yml` when the folder has one (reports place project-wide findings there when there is no index page).
   */
  private configFile: string | undefined;
  report?: Report;
  private workspace!: Workspace;
  private selector!: PathSelector;
  /** Selected Markdown files known to the engine. */
  private paths = new Set<string>();
  /** Editor version of the text the engine last got, for documents fed from an editor. */
  private versions = new Map<string, number>();
  /**
   * Long texts being parsed on the time-limit worker, by path. A newer text,
   * a removal or a reload aborts the parse: its facts are then never stored.
   */
  private readonly parsing = new Map<string, { text: string; abort: AbortController; result: Promise<Parsed> }>();
  /** Files not valid in their encoding, with the text they decode to: audited as read, never fixed. */
  private readonly badEncodings = new Map<
    string,
    { text: string; problem: ReturnType<typeof invalidEncodingProblem> }
  >();

  /**
   * What is left out besides the include and exclude globs: gitignored and `files.exclude`d paths, nested audit roots.
   */
  private rulesCache?: PathRules;
  /** `files.exclude` patterns of the last load (the rules are built with them). */
  private exclude: string[] = [];
  private roots: string[] = [];
  /** Where the last full load spent its time. */
  timings?: LoadTimings;
  readonly root: vscode.Uri;

  /** `rootPath`: the audit root, POSIX and relative to the workspace folder ('' for the folder itself). */
  constructor(
    readonly folder: vscode.WorkspaceFolder,
    readonly rootPath = '',
  ) {
    this.root = rootPath === '' ? folder.uri : vscode.Uri.joinPath(folder.uri, ...rootPath.split('/'));
  }

  /** True once a full load has completed (the engine workspace exists). */
  get loaded(): boolean {
    return this.workspace !== undefined;
  }

  /** The name in messages and the log: the workspace folder's, with the nested root's path. */
  get name(): string {
    return this.rootPath === '' ? this.folder.name : `${this.folder.name}/${this.rootPath}`;
  }

  /** True when the root has a `.sopmaturity.yml`: audited and shown whatever it holds. */
  get configured(): boolean {
    return this.configFile !== undefined;
  }

  /**
   * True when there is nothing to say about this root: no procedure and no
   * `.sopmaturity.yml`. It then gets no diagnostics, no status bar item and
   * no notification (a README in a code project is not an SOP repository).
   */
  get silent(): boolean {
    return !this.configured && (this.report?.summary.procedures ?? 0) === 0;
  }

  /** Nested audit roots below this one (POSIX, relative to this root), as of the last load. */
  get nestedRoots(): readonly string[] {
    return this.roots;
  }

  /**
   * The rules, built on first use: a walk of their own, which the first
   * audit does not wait for (a discovered file is known to be selected).
   */
  private get rules(): PathRules {
    this.rulesCache ??= loadPathRules(this.root.fsPath, this.config, { exclude: this.exclude });
    return this.rulesCache;
  }

  /**
   * True when a watcher event for `relPath` concerns nothing this root reads (gitignored, excluded, in a nested root).
   */
  leavesOut(relPath: string): boolean {
    return this.rules.leavesOut(relPath);
  }

  /**
   * The selected Markdown files below `relFolder` (none when it is a file or
   * gone), for a folder that appeared with its files in one event.
   */
  async markdownBelow(relFolder: string): Promise<string[]> {
    const abs = path.join(this.root.fsPath, ...relFolder.split('/'));
    try {
      if (!(await fs.promises.stat(abs)).isDirectory()) return [];
    } catch {
      return [];
    }
    // The root's globs and ignore rules apply to the paths below the root: walk everything, then select.
    const found = discover(abs, { ...this.config, include: ['**/*'], exclude: [], gitignore: false });
    return found.markdown.map((p) => `${relFolder}/${p}`).filter((p) => this.selects(p));
  }

  /** The POSIX path of `uri` relative to this folder, or undefined when it lies outside. */
  relativePath(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== this.root.scheme || uri.authority !== this.root.authority) return undefined;
    const base = this.root.path.endsWith('/') ? this.root.path : `${this.root.path}/`;
    return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
  }

  uri(relPath: string): vscode.Uri {
    return vscode.Uri.joinPath(this.root, ...relPath.split('/'));
  }

  /**
   * True when the audit reads `relPath` (a Markdown file the configuration selects, not ignored, not in a nested root).
   */
  selects(relPath: string): boolean {
    return this.paths.has(relPath) || (this.selector(relPath) && !this.rules.leavesOut(relPath));
  }

  /** Every Markdown path the engine knows, sorted. */
  knownPaths(): string[] {
    return [...this.paths].sort();
  }

  /**
   * Loads settings, `.sopmaturity.yml` and the rubric, then discovers and
   * reads every selected file into a fresh engine workspace. Resolves false
   * when cancelled (the previous state is then kept by the caller).
   */
  async load(token: vscode.CancellationToken, progress: ProgressSink): Promise<boolean> {
    let mark = Date.now();
    const lap = () => {
      const now = Date.now();
      const ms = now - mark;
      mark = now;
      return ms;
    };
    await this.loadConfiguration();
    const root = this.root.fsPath;
    const exclude = filesExclude(vscode.workspace.getConfiguration('files', this.root).get('exclude'), this.rootPath);
    const timings: LoadTimings = { configuration: lap(), discovery: 0, reading: 0, parsing: 0, files: 0 };
    const workspace = new Workspace({
      root,
      config: this.config,
      rubric: this.rubric,
      configFile: this.configFile,
      site: readSite(root, this.config),
      // Links are checked against the disk: the extension requires a real file system (no virtual workspaces).
      fileExists: createFileExists(root),
    });
    const found = discover(root, this.config, { exclude });
    this.exclude = exclude;
    this.rulesCache = undefined;
    this.roots = found.roots;
    timings.discovery = lap();
    if (token.isCancellationRequested) return false;

    const open = new Map(vscode.workspace.textDocuments.filter((d) => !d.isClosed).map((d) => [d.uri.toString(), d]));
    const paths = new Set<string>();
    const versions = new Map<string, number>();
    const sources: { path: string; text: string }[] = [];
    for (const e of found.errors) workspace.addError(e.path, e.message);
    for (const rel of found.markdown) {
      if (!this.selector(rel)) continue;
      paths.add(rel);
      const editor = open.get(this.uri(rel).toString());
      if (editor) {
        versions.set(rel, editor.version);
        sources.push({ path: rel, text: editor.getText() });
        continue;
      }
      // A file too large to audit is skipped without being read (its size is checked first).
      const read = readTextFile(root, rel, undefined, { maxChars: this.config.maxFileBytes });
      if (!read.ok && read.tooLarge !== undefined) {
        workspace.putDocument(oversizedDocument(rel, read.tooLarge, this.config.maxFileBytes));
        continue;
      }
      if (!read.ok) {
        workspace.addError(rel, read.message);
        continue;
      }
      if (read.invalid)
        this.badEncodings.set(rel, {
          text: read.text,
          problem: invalidEncodingProblem(read as DecodedText & { invalid: NonNullable<DecodedText['invalid']> }),
        });
      else this.badEncodings.delete(rel);
      sources.push({ path: rel, text: read.text });
    }
    for (const rel of found.ownerFiles.filter(isOwnerFile)) {
      const read = readTextFile(root, rel);
      if (read.ok) workspace.setOwnerFile(rel, open.get(this.uri(rel).toString())?.getText() ?? read.text);
    }
    timings.reading = lap();
    if (token.isCancellationRequested) return false;

    // The CLI's pool: in-process for a small folder, a worker per core for a large one (and for very long files).
    // Awaited, not blocking: the host's thread runs other work while the workers parse.
    const { maxFileBytes, maxParseMs } = this.config;
    const onProgress = (parsed: number) => progress(parsed, sources.length);
    const docs = await parseInParallelAsync(sources, this.rubric, { maxFileBytes, maxParseMs, onProgress });
    docs.forEach((doc, i) => this.putParsed(workspace, sources[i].text, doc));
    // An editor closed while the files were parsed may have discarded unsaved text: the disk's counts again.
    const closed: { path: string; text: string }[] = [];
    for (const rel of [...versions.keys()]) {
      if (!open.get(this.uri(rel).toString())?.isClosed) continue;
      versions.delete(rel);
      const read = readTextFile(root, rel);
      if (read.ok) closed.push({ path: rel, text: read.text });
    }
    if (closed.length > 0) {
      const reread = await parseInParallelAsync(closed, this.rubric, { maxFileBytes, maxParseMs });
      reread.forEach((doc, i) => this.putParsed(workspace, closed[i].text, doc));
    }
    timings.parsing = lap();
    timings.files = paths.size;
    if (token.isCancellationRequested) return false;
    // Parses started for the previous engine workspace: their files were read again above.
    for (const running of this.parsing.values()) running.abort.abort();
    this.parsing.clear();
    this.workspace = workspace;
    this.paths = paths;
    this.versions = versions;
    this.timings = timings;
    return true;
  }

  /** Recomputes the report (workspace aggregates included) from the cached facts. */
  recompute(): Report {
    this.report = this.workspace.report();
    return this.report;
  }

  /**
   * Gives the engine a document's current text, parsed at once on this
   * thread if it changed, however long it is (no time budget); `version` is
   * the editor version, when the text comes from an editor. The edit paths
   * use `updateText`, which never parses a long text here.
   */
  setText(relPath: string, text: string, version?: number): SopDocument {
    this.given(relPath, version);
    this.dropParse(relPath);
    return this.putText(this.workspace, relPath, text);
  }

  /**
   * Gives the engine a document's current text without blocking the host:
   * a short text (or one whose facts are at hand) is parsed at once, before
   * this returns; a long one on the time-limit worker, under `maxParseMs`.
   * Its facts are stored only if no newer text, removal or reload came for
   * the path meanwhile, so an older parse never overwrites a newer state.
   * Resolves to the facts stored, or undefined when they were dropped.
   */
  updateText(relPath: string, text: string, version?: number): Promise<Parsed> {
    this.given(relPath, version);
    const running = this.parsing.get(relPath);
    if (running?.text === text) return running.result;
    this.dropParse(relPath);
    const workspace = this.workspace;
    const { maxFileBytes, maxParseMs } = this.config;
    const file = { path: relPath, text };
    if (!needsTimeLimit(file, { maxFileBytes, maxParseMs }) || workspace.factsAtHand(relPath, text)) {
      return Promise.resolve(this.putText(workspace, relPath, text));
    }
    const abort = new AbortController();
    const result = parseWithTimeLimitAsync(file, this.rubric, { maxFileBytes, maxParseMs, signal: abort.signal }).then(
      (doc) => {
        if (abort.signal.aborted || this.workspace !== workspace) return undefined;
        this.parsing.delete(relPath);
        return this.putText(workspace, relPath, text, doc);
      },
      // Aborted: a newer text, a removal or a reload came first.
      () => undefined,
    );
    this.parsing.set(relPath, { text, abort, result });
    return result;
  }

  /** Records that the engine is given a text of `relPath` (from an editor at `version`, else from the disk). */
  private given(relPath: string, version: number | undefined): void {
    this.paths.add(relPath);
    if (version === undefined) this.versions.delete(relPath);
    else this.versions.set(relPath, version);
  }

  /** Drops the parse of an older text of `relPath`, if one is running. */
  private dropParse(relPath: string): void {
    this.parsing.get(relPath)?.abort.abort();
    this.parsing.delete(relPath);
  }

  /**
   * An open document's text with the engine's facts of exactly that text
   * (fixes are computed on it); undefined when a newer text came while a
   * long one was being parsed.
   */
  async snapshotOf(document: vscode.TextDocument, relPath: string): Promise<Snapshot | undefined> {
    const text = document.getText();
    const doc = await this.updateText(relPath, text, document.version);
    return doc && { text, doc };
  }

  /**
   * `snapshotOf` at once, for a caller that cannot wait (the hover):
   * undefined while a long text's facts are still being parsed.
   */
  readySnapshotOf(document: vscode.TextDocument, relPath: string): Snapshot | undefined {
    const text = document.getText();
    const { maxFileBytes, maxParseMs } = this.config;
    const long = needsTimeLimit({ path: relPath, text }, { maxFileBytes, maxParseMs });
    if (long && !this.workspace.factsAtHand(relPath, text)) return undefined;
    return { text, doc: this.setText(relPath, text, document.version) };
  }

  /**
   * A file's current text (editor or disk) with matching facts, or undefined
   * when it cannot be read (or kept changing while it was parsed).
   */
  async snapshot(relPath: string): Promise<Snapshot | undefined> {
    // A text superseded while it was parsed (the user typing on): take the newer one.
    for (let attempt = 0; attempt < 3; attempt++) {
      const open = openDocument(this.uri(relPath));
      if (open) {
        const snap = await this.snapshotOf(open, relPath);
        if (snap) return snap;
        continue;
      }
      const text = await this.readOptional(relPath);
      if (text === undefined) return undefined;
      const doc = await this.updateText(relPath, text);
      if (doc) return { text, doc };
    }
    return undefined;
  }

  /** The editor version the engine's facts of `relPath` come from (undefined: from disk). */
  versionOf(relPath: string): number | undefined {
    return this.versions.get(relPath);
  }

  /** Forgets a file, or every file below a deleted folder. */
  remove(relPath: string): boolean {
    let removed = false;
    for (const p of [...this.paths]) {
      if (p === relPath || p.startsWith(`${relPath}/`)) {
        this.dropParse(p);
        this.workspace.removeFile(p);
        this.paths.delete(p);
        this.versions.delete(p);
        removed = true;
      }
    }
    return removed;
  }

  setOwnerFile(relPath: string, text: string | undefined): void {
    this.workspace.setOwnerFile(relPath, text);
  }

  /** The engine's facts of a document (as of the last text it was given). */
  document(relPath: string): SopDocument | undefined {
    return this.workspace.document(relPath);
  }

  /**
   * Facts of a text that the engine's workspace must not see (a fix-all
   * intermediate): parsed in a scratch workspace with the same rubric, on
   * this thread (no time budget: the text is a fixed version of one whose
   * facts the engine has, so it parsed in time).
   */
  parseDetached(relPath: string, text: string): SopDocument {
    return new Workspace({ root: this.root.fsPath, config: this.config, rubric: this.rubric }).setFile(relPath, text);
  }

  /**
   * The current text of a Markdown file: the open editor's text (with its
   * version) when the file is open, else the disk's. A file that cannot be
   * read, or is over the size limit, yields `{ error }`.
   */
  async readMarkdown(
    relPath: string,
    open = openDocument(this.uri(relPath)),
  ): Promise<string | { text: string; version: number } | { error: string }> {
    if (open) return { text: open.getText(), version: open.version };
    // A linked file may lead out of the root: the audit stays inside, as the CLI's discovery does, and never reads it.
    if (!(await liesInside(this.uri(relPath).fsPath, this.root.fsPath)))
      return { error: 'the file lies outside the workspace folder (through a symbolic link): not audited' };
    // The CLI's reading: opened without blocking and checked to be a regular file, so a pipe never hangs the host.
    const read = readTextFile(this.root.fsPath, relPath);
    if (!read.ok) return { error: read.message };
    if (read.invalid)
      this.badEncodings.set(relPath, {
        text: read.text,
        problem: invalidEncodingProblem(read as DecodedText & { invalid: NonNullable<DecodedText['invalid']> }),
      });
    else this.badEncodings.delete(relPath);
    return read.text;
  }

  /**
   * Gives `workspace` a document's text (with its facts when they were
   * parsed elsewhere); a text that is the reading of a file not valid in its
   * encoding gets the `file` finding and no fixes.
   */
  private putText(workspace: Workspace, relPath: string, text: string, parsed?: SopDocument): SopDocument {
    const doc = workspace.setFile(relPath, text, parsed);
    const bad = this.badEncodings.get(relPath);
    if (!bad || bad.text !== text || doc.readOnly) return doc;
    const marked = withFileProblem(doc, bad.problem);
    workspace.putDocument(marked);
    return marked;
  }

  /** Stores facts the pool parsed from `text`, marked as `putText` marks them. */
  private putParsed(workspace: Workspace, text: string, doc: SopDocument): void {
    const bad = this.badEncodings.get(doc.path);
    workspace.putDocument(bad && bad.text === text && !doc.readOnly ? withFileProblem(doc, bad.problem) : doc);
  }

  /** A file's current text (editor or disk), or undefined when it does not exist or cannot be read. */
  async readOptional(relPath: string): Promise<string | undefined> {
    const uri = this.uri(relPath);
    const open = openDocument(uri);
    if (open) return open.getText();
    const read = readTextFile(this.root.fsPath, relPath);
    return read.ok ? read.text : undefined;
  }

  /**
   * Reads settings, `.sopmaturity.yml` and the rubric; errors are kept for
   * diagnostics, never thrown. The same confinement as the CLI's, trusted
   * workspace or not: the configuration file, the rubric and the folder keys
   * must lie inside the workspace folder (after following symbolic links),
   * files must be regular and at most 1 MB; anything else is an error at the
   * key (in `.sopmaturity.yml`, or in `.vscode/settings.json` for a setting)
   * and the default applies. A refused file is never read.
   */
  private async loadConfiguration(): Promise<void> {
    this.configErrors = new Map();
    const root = this.root.fsPath;
    const settings = readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION, this.root));
    if (this.rootPath !== '') {
      // Path settings are relative to the workspace folder: a nested root is configured by its own `.sopmaturity.yml`.
      Object.assign(settings, {
        include: DEFAULT_SETTINGS.include,
        exclude: DEFAULT_SETTINGS.exclude,
        centralFolder: '',
        rubric: '',
      });
    }
    if (settings.centralFolder) {
      const folder = resolveInside(root, settings.centralFolder, 'folder');
      if (!folder.ok) {
        this.addConfigError(
          settingsError(
            root,
            Setting.centralFolder,
            `\`${SETTINGS_SECTION}.${Setting.centralFolder}\` ${folder.reason}: the setting is not used`,
          ),
        );
        settings.centralFolder = '';
      }
    }
    this.settings = settings;
    const configText = await this.readConfigFile();
    this.configFile = configText !== undefined ? CONFIG_FILE : undefined;
    let fileConfig: SopConfig | undefined;
    let locate: ConfigLocate | undefined;
    if (configText !== undefined) {
      const loaded = loadConfigText(configText, CONFIG_FILE);
      const confined = confineConfig(root, loaded.config, CONFIG_FILE, loaded.locate);
      fileConfig = confined.config;
      locate = loaded.locate;
      for (const e of [...loaded.errors, ...confined.errors]) this.addConfigError(e);
    }
    this.config = mergeConfig(defaultConfig(), this.settings, fileConfig);
    this.selector = markdownSelector(this.config);
    // A rubric named in .sopmaturity.yml is located at its key there, one from the settings in .vscode/settings.json.
    this.rubric = this.loadRubric(this.config.rubric, fileConfig?.rubric !== undefined && locate ? locate : undefined);
  }

  /**
   * `.sopmaturity.yml`'s text (the open editor's, else the disk's), or undefined when there is none or it is refused.
   */
  private async readConfigFile(): Promise<string | undefined> {
    const root = this.root.fsPath;
    try {
      // Synchronous: the first audit does not hand the event loop to the other extensions starting with the window.
      fs.lstatSync(path.join(root, CONFIG_FILE));
    } catch {
      return undefined;
    }
    const read = readConfinedFile(root, CONFIG_FILE);
    if (!read.ok) {
      this.addConfigError({
        file: CONFIG_FILE,
        line: 1,
        column: 1,
        message: `${CONFIG_FILE} ${read.reason}: it is not read (a regular file of at most 1 MB inside the workspace folder)`,
      });
      return undefined;
    }
    return openDocument(this.uri(CONFIG_FILE))?.getText() ?? read.text;
  }

  private loadRubric(file: string | undefined, locate: ConfigLocate | undefined): Rubric {
    if (!file) return loadBuiltinRubric();
    const root = this.root.fsPath;
    const read = readConfinedFile(root, file);
    if (!read.ok) {
      this.addConfigError(
        locate
          ? rubricKeyError(CONFIG_FILE, locate, `${read.reason} (using the built-in OML rubric)`)
          : settingsError(
              root,
              Setting.rubric,
              `\`${SETTINGS_SECTION}.${Setting.rubric}\` ${read.reason}: the file is not read (using the built-in OML rubric)`,
            ),
      );
      return loadBuiltinRubric();
    }
    const rel = file.replace(/^\.\//, '');
    const text = openDocument(this.uri(rel))?.getText() ?? read.text;
    const loaded = loadRubricText(text, rel, { knownChecks: CHECK_IDS });
    if (loaded.errors.length) this.configErrors.set(rel, loaded.errors);
    return loaded.rubric ?? loadBuiltinRubric();
  }

  private addConfigError(error: LocatedError): void {
    this.configErrors.set(error.file, [...(this.configErrors.get(error.file) ?? []), error]);
  }
}

/** Workspace settings live in `.vscode/settings.json` of the folder: an error about one is placed at its key there. */
const SETTINGS_FILE = '.vscode/settings.json';

/** An error about setting `key`, at the line and column where `.vscode/settings.json` sets it (else at its start). */
function settingsError(root: string, key: string, message: string): LocatedError {
  const read = readRegularCapped(path.join(root, ...SETTINGS_FILE.split('/')));
  const at = read.ok ? read.text.indexOf(`"${SETTINGS_SECTION}.${key}"`) : -1;
  if (!read.ok || at < 0) return { file: SETTINGS_FILE, line: 1, column: 1, message };
  const before = read.text.slice(0, at);
  const line = before.split('\n').length;
  return { file: SETTINGS_FILE, line, column: at - before.lastIndexOf('\n'), message };
}

/** The open (not closed) text document of `uri`, if any: its text wins over the disk's. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
}

/**
 * True when `file`, with every symbolic link on its way resolved, lies inside
 * `root`; also true when that cannot be told (the read then reports why).
 */
async function liesInside(file: string, root: string): Promise<boolean> {
  try {
    const rel = path.relative(await fs.promises.realpath(root), await fs.promises.realpath(file));
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  } catch {
    return true;
  }
}
