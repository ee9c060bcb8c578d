// What the maturity panel's webview holds, rebuilt from the messages the host posted to it: the
// whole report once, then deltas applied to it, as the panel app does.
import * as assert from 'node:assert/strict';
import type { Report } from '../../../src/core/report/types';
import type { HostMessage } from '../../../src/shared/protocol';
import { applyDelta } from '../../../src/shared/reportDelta';

/** The report the webview holds after `posted` (undefined before the first one, or after `noReport`). */
export function webviewReport(posted: readonly { type: string }[]): Report | undefined {
  let report: Report | undefined;
  let version: number | undefined;
  for (const m of posted as HostMessage[]) {
    if (m.type === 'report') {
      report = m.report;
      version = m.version;
    } else if (m.type === 'reportDelta') {
      assert.equal(m.base, version, 'a delta for another report than the one the webview holds');
      report = applyDelta(report as Report, m.delta);
      version = m.version;
    } else if (m.type === 'noReport') {
      report = undefined;
      version = undefined;
    }
  }
  return report;
}

/** True for a message that carries a report or what changed in it. */
export function isReportMessage(m: { type: string }): boolean {
  return m.type === 'report' || m.type === 'reportDelta';
}
