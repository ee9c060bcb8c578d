/** Reads a documentation site's generator files from disk for `detectSite` (src/core/parse/site.ts). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SopConfig } from '../core/config/types';
import { detectSite, type SiteInfo } from '../core/parse/site';
import { readRegularCapped } from './confine';

/**
 * The site the folder `root` is the source of, reading the generator's files
 * from disk (only small regular files, never through a symbolic link), or
 * undefined for a plain repository.
 */
export function readSite(root: string, config: Pick<SopConfig, 'siteRoot'>): SiteInfo | undefined {
  const at = (rel: string) => path.join(root, ...rel.split('/'));
  return detectSite(
    {
      read(rel) {
        // Never through a symbolic link (it could lead out of the repository); then the configuration's capped reader.
        try {
          if (!fs.lstatSync(at(rel)).isFile()) return undefined;
        } catch {
          return undefined;
        }
        const read = readRegularCapped(at(rel));
        return read.ok ? read.text : undefined;
      },
      isFolder(rel) {
        try {
          return fs.statSync(at(rel)).isDirectory();
        } catch {
          return false;
        }
      },
    },
    config,
  );
}
