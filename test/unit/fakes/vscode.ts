/**
 * A small hand-written stand-in for the `vscode` module: the value types the
 * extension's mapping and code-action code constructs, with the same shapes
 * and semantics, and inert namespaces. Tests alias it with
 * `vi.mock('vscode', () => import('./fakes/vscode'))`.
 */
import * as nodePath from 'node:path';

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {
    if (line < 0 || character < 0) throw new Error(`Illegal position ${line}:${character}`);
  }
  isEqual(other: Position): boolean {
    return this.line === other.line && this.character === other.character;
  }
  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(start: Position, end: Position) {
    [this.start, this.end] = end.isBefore(start) ? [end, start] : [start, end];
  }
  isEqual(other: Range): boolean {
    return this.start.isEqual(other.start) && this.end.isEqual(other.end);
  }
  get isEmpty(): boolean {
    return this.start.isEqual(this.end);
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query = '',
    readonly fragment = '',
  ) {}
  static file(fsPath: string): Uri {
    return new Uri('file', '', fsPath.replace(/\\/g, '/'));
  }
  static parse(value: string): Uri {
    const m = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(value);
    if (!m) throw new Error(`not a URI: ${value}`);
    return new Uri(m[1], m[2] ?? '', decodeURIComponent(m[3]), m[4] ?? '', m[5] ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, base.authority, nodePath.posix.join(base.path, ...segments), base.query, base.fragment);
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { path?: string }): Uri {
    return new Uri(this.scheme, this.authority, change.path ?? this.path, this.query, this.fragment);
  }
  toString(): string {
    const q = this.query ? `?${this.query}` : '';
    const f = this.fragment ? `#${this.fragment}` : '';
    return `${this.scheme}://${this.authority}${this.path}${q}${f}`;
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Location {
  readonly range: Range;
  constructor(
    readonly uri: Uri,
    rangeOrPosition: Range | Position,
  ) {
    this.range = rangeOrPosition instanceof Range ? rangeOrPosition : new Range(rangeOrPosition, rangeOrPosition);
  }
}

export class DiagnosticRelatedInformation {
  constructor(
    readonly location: Location,
    readonly message: string,
  ) {}
}

export class Diagnostic {
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
  relatedInformation?: DiagnosticRelatedInformation[];
  constructor(
    public range: Range,
    public message: string,
    public severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class TextEdit {
  constructor(
    readonly range: Range,
    readonly newText: string,
  ) {}
}

export class SnippetString {
  constructor(readonly value = '') {}
}

export class SnippetTextEdit {
  constructor(
    readonly range: Range,
    readonly snippet: SnippetString,
  ) {}
}

export type FileOperation = { type: 'rename'; from: Uri; to: Uri; options?: { overwrite?: boolean } };
export type TextOperation = {
  type: 'edit';
  uri: Uri;
  edit: TextEdit | SnippetTextEdit;
  metadata?: { needsConfirmation: boolean; label: string };
};

/** Records operations in order, like the real WorkspaceEdit. */
export class WorkspaceEdit {
  readonly operations: (FileOperation | TextOperation)[] = [];
  replace(uri: Uri, range: Range, newText: string, metadata?: { needsConfirmation: boolean; label: string }): void {
    this.operations.push({ type: 'edit', uri, edit: new TextEdit(range, newText), metadata });
  }
  set(uri: Uri, edits: readonly (TextEdit | SnippetTextEdit)[]): void {
    for (const edit of edits) this.operations.push({ type: 'edit', uri, edit });
  }
  renameFile(from: Uri, to: Uri, options?: { overwrite?: boolean }): void {
    this.operations.push({ type: 'rename', from, to, options });
  }
  get size(): number {
    return new Set(this.operations.map((o) => (o.type === 'edit' ? o.uri.toString() : o.from.toString()))).size;
  }
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  private constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other: CodeActionKind): boolean {
    return this.value === '' || other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other: CodeActionKind): boolean {
    return this.contains(other) || other.contains(this);
  }
}

export class CodeAction {
  edit?: WorkspaceEdit;
  command?: { command: string; title: string; arguments?: unknown[] };
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

export class MarkdownString {
  supportThemeIcons = false;
  isTrusted?: boolean | { enabledCommands: readonly string[] };
  constructor(public value = '') {}
}

export class Hover {
  constructor(
    readonly contents: MarkdownString,
    readonly range?: Range,
  ) {}
}

export class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  readonly event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** The git extension is "not installed" in unit tests. */
export const extensions = {
  getExtension: (): undefined => undefined,
};

export const workspace = {
  textDocuments: [] as unknown[],
};
