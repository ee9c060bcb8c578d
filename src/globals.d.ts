/** Rubric and schema YAML files are bundled as text. */
declare module '*.yaml' {
  const text: string;
  export default text;
}

/** Replaced at build time with the package version. */
declare const __SOP_MATURITY_VERSION__: string;

/** Replaced at build time with a hash of the engine's sources (cache invalidation between builds). */
declare const __SOP_MATURITY_BUILD__: string;
