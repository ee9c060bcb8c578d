import { headingCheck } from './check';

/** `metrics`: a Metrics section or `metrics:` in the front matter. */
export const metrics = headingCheck('metrics', 'metrics', 'metrics', 'metrics');
