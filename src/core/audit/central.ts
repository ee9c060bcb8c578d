/**
 * The central documentation folder: configured, or found by the default
 * rule of RUBRIC.md (the conventional folder holding most procedures).
 */
import type { SopDocument } from '../parse/facts';

/**
 * Counts the procedures below each folder named like a knowledge base
 * (`docs`, `sops`, ...); the highest count wins, ties go to the shallowest,
 * then alphabetical, provided it holds at least half of all procedures.
 * '' (the root) otherwise, or when there is none: a folder with a minority
 * of the procedures is not where the team keeps them.
 */
export function defaultCentralFolder(procedures: readonly SopDocument[], names: readonly string[]): string {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const counts = new Map<string, number>();
  for (const d of procedures) {
    const parts = d.path.split('/').slice(0, -1);
    for (let i = 0; i < parts.length; i++) {
      if (!wanted.has(parts[i].toLowerCase())) continue;
      const folder = parts.slice(0, i + 1).join('/');
      counts.set(folder, (counts.get(folder) ?? 0) + 1);
    }
  }
  let best = '';
  let bestCount = 0;
  for (const [folder, n] of counts) {
    const depth = folder.split('/').length;
    const bestDepth = best.split('/').length;
    if (n > bestCount || (n === bestCount && (depth < bestDepth || (depth === bestDepth && folder < best)))) {
      best = folder;
      bestCount = n;
    }
  }
  return bestCount * 2 >= procedures.length ? best : '';
}
