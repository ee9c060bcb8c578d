import type { WorkspaceCheck } from './check';

/** `sop-present`: at least one procedure document exists. */
export const sopPresent: WorkspaceCheck = {
  id: 'sop-present',
  scope: 'workspace',
  defaults: {},
  run(ctx) {
    const n = ctx.ws.procedures.length;
    return n > 0
      ? {
          pass: true,
          detail: `${n} procedure document${n === 1 ? '' : 's'} found`,
          documentsToFix: 0,
          paths: [],
          findings: [],
        }
      : {
          pass: false,
          detail: 'No procedure documents found: write one recurring task down as an SOP',
          documentsToFix: 1,
          paths: [],
          findings: [],
        };
  },
};
