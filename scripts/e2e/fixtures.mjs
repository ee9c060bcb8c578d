// Workspaces other than examples/ for the end-to-end tests, written into a run dir: a
// multi-root workspace with a code project that is not an SOP repository and an SOP
// repository with a nested audit root, a gitignored build folder and a broken front matter.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOP = (title, owner = 'Service desk lead') => `---
title: ${title}
type: sop
owner: ${owner}
category: Service desk
last_reviewed: 2026-10-01
---
# ${title}

## Purpose

Restore service for users quickly and the same way every time, so that nobody has to guess.

## Procedure

1. Open the monitoring console and find the alert for the affected service.
2. Check the service's status page and the last change made to it.
3. Restart the service from the management console and wait for it to report healthy.
4. Tell the user who reported the problem that the service is back.

## Verification

- [ ] The service reports healthy in the monitoring console.
- [ ] The user confirms the service works.
`;

/** Files of each folder, by path. */
const FOLDERS = {
  // A TypeScript project: a README with install steps, contributing notes, design notes, build output and dependencies.
  plain: {
    'package.json': '{ "name": "plain", "version": "1.0.0" }\n',
    'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n',
    'src/index.ts': 'export const answer = 42;\n',
    '.gitignore': 'dist/\nnode_modules/\n',
    'README.md':
      '# Plain\n\nA small library.\n\n## Install\n\n1. Clone the repository.\n2. Run `npm install`.\n3. Run `npm test`.\n',
    'CONTRIBUTING.md': '# Contributing\n\nOpen a pull request.\n',
    'docs/design.md': '# Design\n\nThe library exports one constant.\n',
    'dist/notes.md': '# Build notes\n\n1. Generated.\n2. Generated.\n3. Generated.\n',
    'node_modules/left-pad/README.md': '# left-pad\n\n1. Install it.\n2. Use it.\n3. Remove it.\n',
  },
  // An SOP repository with a nested root (team-b), a gitignored folder holding a procedure, and a broken front matter.
  sops: {
    '.gitignore': 'build/\n',
    'docs/README.md':
      '# Service desk knowledge base\n\n- [Restart the mail service](sops/restart-mail.md)\n- [Restart the VPN](sops/restart-vpn.md)\n',
    'docs/sops/restart-mail.md': SOP('Restart the mail service'),
    'docs/sops/restart-vpn.md': SOP('Restart the VPN'),
    'docs/sops/broken-front-matter.md':
      '---\ntitle: Reset a password\nowner: ops: team\ntype: sop\n---\n# Reset a password\n\n## Procedure\n\n1. Open the directory console.\n2. Find the user.\n3. Reset the password and tell the user.\n',
    'build/generated/restart-printer.md': SOP('Restart the printer spooler'),
    'team-b/.sopmaturity.yml': '# Team B audits its runbooks on its own.\nasOf: 2026-11-01\n',
    'team-b/runbooks/rotate-keys.md': SOP('Rotate the API keys', 'Team B lead'),
  },
};

/**
 * Writes the folders under `dir` and a `.code-workspace` file listing them (the SOP repository
 * first); returns the workspace file's path.
 */
export function writeRootsWorkspace(dir) {
  for (const [folder, files] of Object.entries(FOLDERS)) {
    for (const [rel, text] of Object.entries(files)) {
      const file = path.join(dir, folder, ...rel.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  const workspace = path.join(dir, 'roots.code-workspace');
  writeFileSync(workspace, JSON.stringify({ folders: [{ path: 'sops' }, { path: 'plain' }], settings: {} }, null, 2));
  return workspace;
}
