// Preloaded (`node -r`) into a CLI process by the crash test: counts the file-system steps that
// change a file (an open for writing, each write, fsync, close of such a file, chmod, rename,
// removal) and kills the process with SIGKILL just before step KILL_AT, as a power cut or an
// `kill -9` would. `fs.writeFileSync` is two steps, as it is for the kernel: the open that
// truncates the file, then the write. With COUNT_FILE set, the number of steps of a run that
// was not killed is written there at exit.
'use strict';
const fs = require('node:fs');

const raw = { openSync: fs.openSync, closeSync: fs.closeSync, writeFileSync: fs.writeFileSync };
const killAt = Number(process.env.KILL_AT || 0);
const countFile = process.env.COUNT_FILE;
const writable = new Set();
let steps = 0;

function step() {
  steps++;
  if (killAt > 0 && steps >= killAt) process.kill(process.pid, 'SIGKILL');
}

function wrap(name, before) {
  const original = fs[name];
  fs[name] = function (...args) {
    if (before(...args)) step();
    const result = original.apply(this, args);
    if (name === 'openSync' && isWriteFlag(args[1])) writable.add(result);
    if (name === 'closeSync') writable.delete(args[0]);
    return result;
  };
}

function isWriteFlag(flags) {
  if (typeof flags === 'number')
    return (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC)) !== 0;
  return typeof flags === 'string' && /[wax+]/.test(flags);
}

wrap('openSync', (_path, flags) => isWriteFlag(flags));
wrap('writeSync', (fd) => writable.has(fd));
wrap('fsyncSync', (fd) => writable.has(fd));
wrap('closeSync', (fd) => writable.has(fd));
wrap('fchmodSync', () => true);
wrap('renameSync', () => true);
wrap('rmSync', () => true);
wrap('unlinkSync', () => true);
wrap('linkSync', () => true);

fs.writeFileSync = function (file, data, options) {
  if (typeof file !== 'number') {
    // The kernel's view of writeFileSync: an open that truncates the file, then the write.
    step();
    raw.closeSync(raw.openSync(file, 'w'));
  }
  step();
  return raw.writeFileSync.call(this, file, data, options);
};

if (countFile) process.on('exit', () => raw.writeFileSync(countFile, String(steps)));
