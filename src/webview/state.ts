/**
 * The panel's UI state: which tab is selected, which rows are expanded and
 * where the page was scrolled. It is the only thing the webview persists
 * (through `vscode.setState`), so a hidden or reloaded panel comes back as the
 * user left it while the data always comes fresh from the host.
 */

/** The panel's tabs, in display order. */
export const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'checks', label: 'Checks' },
  { id: 'traits', label: 'Process coverage' },
  { id: 'documents', label: 'Documents' },
  { id: 'owners', label: 'Owners' },
  { id: 'reviews', label: 'Reviews' },
  { id: 'history', label: 'History' },
  { id: 'details', label: 'Exemptions and errors' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

export interface UiState {
  tab: TabId;
  /** Keys of expanded disclosures ("step:checklist", "check:owner"). */
  expanded: string[];
  scrollY: number;
  /** Path of the document whose details are shown, if any. */
  selected?: string;
  /** Documents tab: which kinds are listed (default 'all') and the text filter (default none). */
  documentKind?: DocumentFilter;
  documentQuery?: string;
  /** Owners tab: the column the table is sorted by and the direction (default: procedures, descending). */
  ownersSort?: OwnersSort;
}

/** The columns the owners table sorts by. */
export const OWNER_SORT_KEYS = ['owner', 'procedures', 'overdue', 'dueSoon', 'passingCurrent', 'passingNext'] as const;
export type OwnerSortKey = (typeof OWNER_SORT_KEYS)[number];
export interface OwnersSort {
  key: OwnerSortKey;
  dir: 'ascending' | 'descending';
}

/** The kinds the documents tab can list. */
export const DOCUMENT_FILTERS = ['all', 'procedure', 'index', 'other'] as const;
export type DocumentFilter = (typeof DOCUMENT_FILTERS)[number];

/** Where the state is kept; in the webview this is `acquireVsCodeApi()`. */
export interface StateStorage {
  getState(): unknown;
  setState(state: unknown): void;
}

/** Expanded keys kept at most; old keys of vanished checks should not pile up forever. */
const MAX_EXPANDED = 200;

/** Longest selected path or filter text kept (report paths are at most this long). */
const MAX_TEXT = 4096;

/** Reads the saved state, falling back to defaults for anything missing or malformed. */
export function loadUiState(storage: StateStorage): UiState {
  const raw = storage.getState() as Partial<UiState> | undefined;
  const tab = TABS.find((t) => t.id === raw?.tab)?.id ?? 'overview';
  const expanded = Array.isArray(raw?.expanded) ? raw.expanded.filter((k): k is string => typeof k === 'string') : [];
  const scrollY = typeof raw?.scrollY === 'number' && raw.scrollY >= 0 ? raw.scrollY : 0;
  const selected = typeof raw?.selected === 'string' && raw.selected.length <= MAX_TEXT ? raw.selected : undefined;
  const documentKind = DOCUMENT_FILTERS.find((k) => k === raw?.documentKind);
  const documentQuery = typeof raw?.documentQuery === 'string' ? raw.documentQuery.slice(0, MAX_TEXT) : undefined;
  const sortKey = OWNER_SORT_KEYS.find((k) => k === raw?.ownersSort?.key);
  const sortDir: OwnersSort['dir'] = raw?.ownersSort?.dir === 'ascending' ? 'ascending' : 'descending';
  const ownersSort = sortKey ? { key: sortKey, dir: sortDir } : undefined;
  return {
    tab,
    expanded: expanded.slice(-MAX_EXPANDED),
    scrollY,
    selected,
    documentKind,
    documentQuery,
    ...(ownersSort ? { ownersSort } : {}),
  };
}

/** UI state with change tracking: every change is written through to the storage. */
export class UiStore {
  private readonly expanded: Set<string>;
  private state: UiState;

  constructor(private readonly storage: StateStorage) {
    this.state = loadUiState(storage);
    this.expanded = new Set(this.state.expanded);
  }

  get tab(): TabId {
    return this.state.tab;
  }

  get scrollY(): number {
    return this.state.scrollY;
  }

  isExpanded(key: string): boolean {
    return this.expanded.has(key);
  }

  setExpanded(key: string, open: boolean): void {
    this.expanded.delete(key);
    if (open) this.expanded.add(key);
    this.save({ expanded: [...this.expanded].slice(-MAX_EXPANDED) });
  }

  setTab(tab: TabId): void {
    this.save({ tab });
  }

  setScrollY(scrollY: number): void {
    this.save({ scrollY });
  }

  get selected(): string | undefined {
    return this.state.selected;
  }

  /** Shows the details of the document at `path` (undefined: none). */
  setSelected(selected: string | undefined): void {
    this.save({ selected });
  }

  get documentKind(): DocumentFilter {
    return this.state.documentKind ?? 'all';
  }

  get documentQuery(): string {
    return this.state.documentQuery ?? '';
  }

  setDocumentFilter(documentKind: DocumentFilter, documentQuery: string): void {
    this.save({ documentKind, documentQuery });
  }

  get ownersSort(): OwnersSort {
    return this.state.ownersSort ?? { key: 'procedures', dir: 'descending' };
  }

  setOwnersSort(ownersSort: OwnersSort): void {
    this.save({ ownersSort });
  }

  private save(change: Partial<UiState>): void {
    this.state = { ...this.state, ...change };
    this.storage.setState(this.state);
  }
}
