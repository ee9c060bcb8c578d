/**
 * The engine's version and build: both go into every cache key, so facts and reports never outlive the code that made
 * them.
 */
export const ENGINE_VERSION = typeof __SOP_MATURITY_VERSION__ === 'string' ? __SOP_MATURITY_VERSION__ : '0.0.0';
export const ENGINE_BUILD = typeof __SOP_MATURITY_BUILD__ === 'string' ? __SOP_MATURITY_BUILD__ : 'source';
/** Version and build in one string. */
export const ENGINE_ID = `${ENGINE_VERSION}+${ENGINE_BUILD}`;
