/**
 * Where a new SOP goes, what it is called and which index page lists it:
 * next to the other procedures in the central folder, under a file name
 * made from its title, linked from that folder's index page.
 */
import { posix } from 'node:path';
import type { Report } from '../core/report/types';
import { mostCommon } from './siblings';

/**
 * The folder for new SOPs: the folder inside the central folder that holds
 * the most procedures (so a new SOP lands next to its peers, e.g.
 * `docs/sops`), else the central folder itself ('' is the root).
 */
export function newSopFolder(report: Pick<Report, 'centralFolder' | 'documents'>): string {
  const central = report.centralFolder.replace(/^\.\/?|\/+$/g, '');
  const inside = report.documents.filter(
    (d) => d.kind === 'procedure' && (central === '' || d.path.startsWith(`${central}/`)),
  );
  const folder = mostCommon(inside.map((d) => posix.dirname(d.path)));
  return folder === undefined || folder === '.' ? central : folder;
}

/**
 * The index page of `folder` (report-relative, '' for the root) that a new SOP there is linked from, if the report has
 * one.
 */
export function indexPageOf(report: Pick<Report, 'documents'>, folder: string): string | undefined {
  return report.documents.find((d) => d.kind === 'index' && posix.dirname(d.path) === (folder === '' ? '.' : folder))
    ?.path;
}

/** A file name for a title: lower-case ASCII words joined by dashes, with `.md`. */
export function fileNameFor(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || 'new-sop'}.md`;
}

/** `folder/name`, with `-2`, `-3`, ... before the extension while the path is taken. */
export function uniquePath(folder: string, name: string, exists: (rel: string) => boolean): string {
  const ext = posix.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = posix.join(folder, n === 1 ? name : `${stem}-${n}${ext}`);
    if (!exists(candidate)) return candidate;
  }
}
