/**
 * What a document check's verdict read beyond its document: the documents
 * it looked up (or all of them) and the `fileExists` answers it got, so that
 * a change reaches only the verdicts that read the changed path.
 */
import type { SopDocument } from '../parse/facts';
import type { CheckContext, DocumentCheck, DocumentVerdict, WorkspaceFacts } from '../checks/check';

/** What a verdict read: documents looked up (`wide`: all of them) and `fileExists` answers. */
export interface VerdictReads {
  paths: string[];
  wide: boolean;
  probes: [string, boolean][];
}

/** Runs a document check, adding what it reads beyond the document to `reads`. */
export function runRecorded(
  check: DocumentCheck,
  doc: SopDocument,
  ctx: CheckContext,
  reads: VerdictReads,
): DocumentVerdict {
  const docs = new RecordingDocs(ctx.ws.docs);
  const exists = ctx.ws.fileExists;
  const ws: WorkspaceFacts = {
    ...ctx.ws,
    docs,
    fileExists: (p) => {
      const e = exists(p);
      reads.probes.push([p, e]);
      return e;
    },
  };
  const verdict = check.run(doc, { ...ctx, ws });
  for (const p of docs.reads) reads.paths.push(p);
  reads.wide ||= docs.wide;
  return verdict;
}

/**
 * The documents map as a check sees it, recording every path it looks up
 * so that its verdict can be tied to them. Going through all documents is
 * recorded as `wide`.
 */
export class RecordingDocs implements ReadonlyMap<string, SopDocument> {
  readonly reads = new Set<string>();
  wide = false;

  constructor(private readonly docs: ReadonlyMap<string, SopDocument>) {}

  get size(): number {
    this.wide = true;
    return this.docs.size;
  }

  get(path: string): SopDocument | undefined {
    this.reads.add(path);
    return this.docs.get(path);
  }

  has(path: string): boolean {
    this.reads.add(path);
    return this.docs.has(path);
  }

  forEach(fn: (doc: SopDocument, path: string, map: ReadonlyMap<string, SopDocument>) => void): void {
    this.wide = true;
    this.docs.forEach((d, p) => fn(d, p, this));
  }

  entries(): MapIterator<[string, SopDocument]> {
    this.wide = true;
    return this.docs.entries();
  }

  keys(): MapIterator<string> {
    this.wide = true;
    return this.docs.keys();
  }

  values(): MapIterator<SopDocument> {
    this.wide = true;
    return this.docs.values();
  }

  [Symbol.iterator](): MapIterator<[string, SopDocument]> {
    return this.entries();
  }
}
