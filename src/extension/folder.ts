/**
 * The audit state of one workspace folder: its effective configuration and
 * rubric, the engine's `Workspace` fed with every selected Markdown file
 * (editor text for open documents, disk otherwise), and the latest report.
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
  confineConfig,
  decodeBytes,
  invalidEncodingProblem,
  readConfinedFile,
  readRegularCapped,
  resolveInside,
  rubricKeyError,
  withFileProblem,
  type ConfigLocate,
  type DecodedText,
} from '../core';
import type { LocatedError, Report, Rubric, SopConfig, SopDocument } from '../core/types';
import { discover as discoverOnDisk } from '../cli/discover';
import { readSite } from '../core/site';
import { CONFIG_FILE, SETTINGS_SECTION, Setting } from './constants';
import { mergeConfig, readSettings, type ExtensionSettings } from './config';
import { markdownGlob, markdownSelector, type PathSelector } from './select';

/** Files read concurrently during a full audit. */
const READ_BATCH = 32;

/** Where CODEOWNERS and OWNERS files may be (the core's `isOwnerFile` has the final word). */
const OWNER_FILES_GLOB = '{CODEOWNERS,.github/CODEOWNERS,docs/CODEOWNERS,**/OWNERS}';

const NEVER_WALKED = '**/{node_modules,.git}/**';

/** A document's text with the engine's facts of exactly that text. */
export interface Snapshot {
  text: string;
  doc: SopDocument;
}

/** Reports progress of a full audit as a share of the files read. */
export type ProgressSink = (done: number, total: number) => void;

export class FolderAudit {
  settings!: ExtensionSettings;
  config!: SopConfig;
  rubric!: Rubric;
  /** Config and rubric errors, by path relative to the folder. */
  configErrors = new Map<string, LocatedError[]>();
  /** `.sopmaturity.yml` when the folder has one (reports place project-wide findings there when there is no index page). */
  private configFile: string | undefined;
  report?: Report;
  private workspace!: Workspace;
  private selector!: PathSelector;
  /** Selected Markdown files known to the engine. */
  private paths = new Set<string>();
  /** Editor version of the text the engine last got, for documents fed from an editor. */
  private versions = new Map<string, number>();
  /** Files not valid in their encoding, with the text they decode to: audited as read, never fixed. */
  private readonly badEncodings = new Map<string, { text: string; problem: ReturnType<typeof invalidEncodingProblem> }>();

  constructor(readonly folder: vscode.WorkspaceFolder) {}

  /** True once a full load has completed (the engine workspace exists). */
  get loaded(): boolean {
    return this.workspace !== undefined;
  }

  get root(): vscode.Uri {
    return this.folder.uri;
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

  /** True when the audit reads `relPath` (a Markdown file the configuration selects). */
  selects(relPath: string): boolean {
    return this.selector(relPath);
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
    await this.loadConfiguration();
    const root = this.root.fsPath;
    const workspace = new Workspace({
      root,
      config: this.config,
      rubric: this.rubric,
      configFile: this.configFile,
      site: readSite(root, this.config),
      // Links are checked against the disk: the extension requires a real file system (no virtual workspaces).
      fileExists: (rel) => fs.existsSync(path.join(root, ...rel.split('/'))),
    });
    const { markdown: selected, owners } = await this.discover(token);
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const paths = new Set<string>();
    const versions = new Map<string, number>();
    let done = 0;
    for (let i = 0; i < selected.length; i += READ_BATCH) {
      if (token.isCancellationRequested) return false;
      const batch = selected.slice(i, i + READ_BATCH);
      const texts = await Promise.all(batch.map((rel) => this.readMarkdown(rel, open.get(this.uri(rel).toString()))));
      batch.forEach((rel, k) => {
        const t = texts[k];
        paths.add(rel);
        if (typeof t === 'string') this.putText(workspace, rel, t);
        else if ('error' in t) workspace.addError(rel, t.error);
        else {
          this.putText(workspace, rel, t.text);
          versions.set(rel, t.version);
        }
      });
      done += batch.length;
      progress(done, selected.length);
    }
    for (const rel of owners) {
      const text = await this.readOptional(rel);
      if (text !== undefined) workspace.setOwnerFile(rel, text);
    }
    if (token.isCancellationRequested) return false;
    this.workspace = workspace;
    this.paths = paths;
    this.versions = versions;
    return true;
  }

  /**
   * The selected Markdown files and the owner files, relative to the folder.
   * `findFiles` can come back empty while the search service is still
   * starting (seen right after a window opens); the folder is then walked on
   * disk the way the CLI does, so the first audit never reports an empty
   * repository by accident.
   */
  private async discover(token: vscode.CancellationToken): Promise<{ markdown: string[]; owners: string[] }> {
    const [markdown, owners] = await Promise.all([
      vscode.workspace.findFiles(new vscode.RelativePattern(this.folder, markdownGlob(this.config)), NEVER_WALKED, undefined, token),
      vscode.workspace.findFiles(new vscode.RelativePattern(this.folder, OWNER_FILES_GLOB), NEVER_WALKED, undefined, token),
    ]);
    const rel = (uris: vscode.Uri[]) => uris.map((u) => this.relativePath(u)).filter((p): p is string => p !== undefined);
    if (markdown.length > 0 || token.isCancellationRequested) {
      return { markdown: rel(markdown).filter((p) => this.selects(p)).sort(), owners: rel(owners).filter(isOwnerFile) };
    }
    const walked = discoverOnDisk(this.root.fsPath, this.config);
    return { markdown: walked.markdown.filter((p) => this.selects(p)), owners: walked.ownerFiles.filter(isOwnerFile) };
  }

  /** Recomputes the report (workspace aggregates included) from the cached facts. */
  recompute(): Report {
    this.report = this.workspace.report();
    return this.report;
  }

  /**
   * Gives the engine a document's current text (parsed only if it changed);
   * `version` is the editor version, when the text comes from an editor.
   */
  setText(relPath: string, text: string, version?: number): SopDocument {
    this.paths.add(relPath);
    const doc = this.putText(this.workspace, relPath, text);
    if (version === undefined) this.versions.delete(relPath);
    else this.versions.set(relPath, version);
    return doc;
  }

  /** An open document's text with the engine's facts of exactly that text (fixes are computed on it). */
  snapshotOf(document: vscode.TextDocument, relPath: string): Snapshot {
    const text = document.getText();
    return { text, doc: this.setText(relPath, text, document.version) };
  }

  /** A file's current text (editor or disk) with matching facts, or undefined when it cannot be read. */
  async snapshot(relPath: string): Promise<Snapshot | undefined> {
    const open = openDocument(this.uri(relPath));
    if (open) return this.snapshotOf(open, relPath);
    const text = await this.readOptional(relPath);
    return text === undefined ? undefined : { text, doc: this.setText(relPath, text) };
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
   * intermediate): parsed in a scratch workspace with the same rubric.
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
    const uri = this.uri(relPath);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      // A named pipe, socket or device: reading it could wait forever (the CLI's discovery says the same).
      if ((stat.type & vscode.FileType.File) === 0) return { error: 'not a regular file (a named pipe, socket, device or folder): not audited' };
      // A linked file or folder may lead out of the folder (findFiles follows links): the audit stays inside, as the CLI does.
      if (!(await liesInside(uri.fsPath, this.root.fsPath))) return { error: 'the file lies outside the workspace folder (through a symbolic link): not audited' };
      if (stat.size > this.config.maxFileBytes) {
        return { error: `file is ${stat.size} bytes, over the limit of ${this.config.maxFileBytes}: not audited (raise maxFileBytes to include it)` };
      }
      const decoded = await readDisk(uri);
      if (decoded.invalid) this.badEncodings.set(relPath, { text: decoded.text, problem: invalidEncodingProblem({ ...decoded, invalid: decoded.invalid }) });
      else this.badEncodings.delete(relPath);
      return decoded.text;
    } catch (err) {
      return { error: `cannot read the file: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  /**
   * Gives `workspace` a document's text; a text that is the reading of a
   * file not valid in its encoding gets the `file` finding and no fixes.
   */
  private putText(workspace: Workspace, relPath: string, text: string): SopDocument {
    const doc = workspace.setFile(relPath, text);
    const bad = this.badEncodings.get(relPath);
    if (!bad || bad.text !== text || doc.readOnly) return doc;
    const marked = withFileProblem(doc, bad.problem);
    workspace.putDocument(marked);
    return marked;
  }

  /** A file's current text (editor or disk), or undefined when it does not exist or cannot be read. */
  async readOptional(relPath: string): Promise<string | undefined> {
    const uri = this.uri(relPath);
    const open = openDocument(uri);
    if (open) return open.getText();
    try {
      return (await readDisk(uri)).text;
    } catch {
      return undefined;
    }
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
    if (settings.centralFolder) {
      const folder = resolveInside(root, settings.centralFolder, 'folder');
      if (!folder.ok) {
        this.addConfigError(settingsError(root, Setting.centralFolder, `\`${SETTINGS_SECTION}.${Setting.centralFolder}\` ${folder.reason}: the setting is not used`));
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

  /** `.sopmaturity.yml`'s text (the open editor's, else the disk's), or undefined when there is none or it is refused. */
  private async readConfigFile(): Promise<string | undefined> {
    const root = this.root.fsPath;
    try {
      await fs.promises.lstat(path.join(root, CONFIG_FILE));
    } catch {
      return undefined;
    }
    const read = readConfinedFile(root, CONFIG_FILE);
    if (!read.ok) {
      this.addConfigError({ file: CONFIG_FILE, line: 1, column: 1, message: `${CONFIG_FILE} ${read.reason}: it is not read (a regular file of at most 1 MB inside the workspace folder)` });
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
          : settingsError(root, Setting.rubric, `\`${SETTINGS_SECTION}.${Setting.rubric}\` ${read.reason}: the file is not read (using the built-in OML rubric)`),
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

/**
 * Reads a file in its own encoding (UTF-8 with or without a byte-order mark,
 * UTF-16 with one), without the mark: the engine's offsets must match the
 * editor's, which shows the text without it. `invalid` is set for a file that
 * is not valid in its encoding (see core/encoding).
 */
async function readDisk(uri: vscode.Uri): Promise<DecodedText> {
  return decodeBytes(await vscode.workspace.fs.readFile(uri));
}
