// extensionTestsPath for the packaged extension: no extensionDevelopmentPath, the VSIX is installed.
import { runMocha } from '../mocha';

const FILES = ['installed.test.js'];

export function run(): Promise<void> {
  return runMocha('vsix', __dirname, FILES);
}
