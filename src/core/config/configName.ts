/**
 * The configuration file's name, in a module of its own with no imports, so
 * that the extension's small entry bundle can name it without the engine.
 * A folder that holds one is an audit root of its own.
 */
export const CONFIG_FILE = '.sopmaturity.yml';
