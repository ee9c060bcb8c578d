/**
 * The Node I/O both shells share: parsing on worker threads, the fact and report caches, atomic
 * writes, confined reads, git and the history engine. Disk discovery is `./discover`.
 */
export { parseInParallel } from './pool';
export type { ParallelOptions, SourceFile } from './pool';
export { FileFactCache, ReportMemo } from './factCache';
export { writeFileAtomic, removeTempFiles } from './atomic';
export { CONFIG_FILE_CAP, confineConfig, readConfinedFile, readRegularCapped, resolveInside, rubricKeyError } from './confine';
export { computeHistory, MapFactCache } from './history';
export type { HistoryOptions, HistoryPoint, HistoryUnavailable } from './history';
export { changedFilesSince, GitError } from './git';
