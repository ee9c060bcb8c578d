/**
 * The Node I/O both shells share: parsing on worker threads (many files in
 * `pool`, one file under the time budget in `timeLimit`), the fact and report
 * caches, atomic writes, confined reads, git and the history engine. Disk
 * discovery is `./discover`.
 */
export { parseInParallel, parseInParallelAsync } from './pool';
export type { ParallelOptions } from './pool';
export type { SourceFile } from './parseProtocol';
export {
  TIME_LIMIT_CHARS,
  needsTimeLimit,
  parseWithTimeLimit,
  parseWithTimeLimitAsync,
  setFileWithTimeLimit,
  timedOutDocument,
} from './timeLimit';
export type { AsyncParseOptions, ParseLimits } from './timeLimit';
export { FileFactCache, ReportMemo } from './factCache';
export { writeFileAtomic, removeTempFiles } from './atomic';
export {
  CONFIG_FILE_CAP,
  confineConfig,
  readConfinedFile,
  readRegularCapped,
  resolveInside,
  rubricKeyError,
} from './confine';
export { computeHistory, MapFactCache } from './history';
export type { HistoryOptions, HistoryPoint, HistoryUnavailable } from './history';
export { changedFilesSince, GitError } from './git';
