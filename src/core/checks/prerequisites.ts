import { headingCheck } from './check';

/** `prerequisites`: a section listing what is needed before starting. */
export const prerequisites = headingCheck('prerequisites', 'prerequisites', 'prerequisites');
