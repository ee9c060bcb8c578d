import { headingCheck } from './check';

/** `verification`: a section that says how to confirm the procedure worked. */
export const verification = headingCheck('verification', 'verification', 'verification');
