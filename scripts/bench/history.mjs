// A git repository for the history benchmark: 24 commits, one a month over the last two years, that grow and edit
// a synthetic corpus the way a team's runbook repository grows. The first commit holds about 40% of the corpus
// (index pages first); every month adds more of it, edits a few percent of what is there (a new review date and a
// change-log line), adds a few drafts and deletes a few older ones; the last commit holds the whole corpus (its
// documents, some with their change logs) and no draft. Plain `git add -A` / `git commit` with the dates set, in a
// repository of its own; built once and kept until the generator version, the size or the month changes (the dates
// are relative to today, so that `history --since 24.months` samples every commit).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WORDS, Writer, prng } from './corpus.mjs';

const GENERATOR_VERSION = 1;
export const HISTORY_COMMITS = 24;

/** Markdown files below `dir` as sorted paths relative to it. */
function markdownPaths(dir, prefix = '', out = []) {
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (e.name !== '.git' && e.name !== 'node_modules') markdownPaths(dir, rel, out);
    } else if (/\.(md|markdown)$/i.test(e.name)) out.push(rel);
  }
  return out.sort();
}

/** The commit dates: one a month, the last one yesterday at noon UTC. */
function commitDates(now) {
  const anchor = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, 12));
  return Array.from({ length: HISTORY_COMMITS }, (_, m) => {
    const d = new Date(anchor);
    d.setUTCDate(Math.min(d.getUTCDate(), 28));
    d.setUTCMonth(d.getUTCMonth() - (HISTORY_COMMITS - 1 - m));
    return d;
  });
}

/**
 * Builds (once) the repository under `dir` from the corpus in `sourceDir` and returns
 * `{ dir, commits, files, built, seconds }`. `log` reports progress.
 */
export function ensureHistoryRepo(dir, sourceDir, { now = new Date(), log = () => {} } = {}) {
  const dates = commitDates(now);
  const stamp = join(dir, '.git', 'bench-generated');
  const want = `history v${GENERATOR_VERSION} ${sourceDir} ${dates[dates.length - 1].toISOString().slice(0, 7)}`;
  const all = markdownPaths(sourceDir);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want)
    return { dir, commits: HISTORY_COMMITS, files: all.length, built: false, seconds: 0 };
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const git = (args, env = {}) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=Bench Writer',
        '-c',
        'user.email=bench@example.com',
        '-c',
        'commit.gpgsign=false',
        '-c',
        'core.hooksPath=/dev/null',
        '-c',
        'core.autocrlf=false',
        ...args,
      ],
      { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  git(['init', '-q', '-b', 'main']);

  const w = new Writer(prng(0x415 + all.length));
  // The order files arrive in: index pages first, then the documents shuffled.
  const pages = all.filter((p) => /(^|\/)README\.md$/.test(p));
  const docs = all.filter((p) => !/(^|\/)README\.md$/.test(p));
  for (let i = docs.length - 1; i > 0; i--) {
    const j = Math.floor(w.rand() * (i + 1));
    [docs[i], docs[j]] = [docs[j], docs[i]];
  }
  const order = [...pages, ...docs];
  /** Per document, the months it was edited in (its change log). */
  const edits = new Map();
  const drafts = [];
  let present = 0;

  const textOf = (rel) => {
    const base = readFileSync(join(sourceDir, rel), 'utf8');
    const months = edits.get(rel);
    if (!months) return base;
    const last = dates[months[months.length - 1]].toISOString().slice(0, 10);
    const reviewed = base.replace(/^reviewed: .*$/m, `reviewed: ${last}`);
    const log = months.map((m) => `- ${dates[m].toISOString().slice(0, 10)}: ${changeLine(rel, m)}`);
    return `${reviewed.trimEnd()}\n\n## Change log\n\n${log.join('\n')}\n`;
  };
  const write = (rel, text) => {
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };

  for (let m = 0; m < HISTORY_COMMITS; m++) {
    const last = m === HISTORY_COMMITS - 1;
    // Growth: from 40% of the corpus to all of it.
    const target = last ? order.length : Math.round(order.length * (0.4 + (0.6 * m) / (HISTORY_COMMITS - 1)));
    const added = order.slice(present, target);
    // Edits: about 3% of the documents already there.
    const edited = [];
    if (m > 0)
      for (let k = Math.max(1, Math.round(present * 0.03)); k > 0; k--) {
        const rel = order[pages.length + Math.floor(w.rand() * Math.max(1, present - pages.length))];
        if (!rel || pages.includes(rel)) continue;
        const months = edits.get(rel) ?? [];
        if (months[months.length - 1] !== m) months.push(m);
        edits.set(rel, months);
        edited.push(rel);
      }
    // Drafts: a few copies of documents under a draft name, each deleted a month or more later (all by the end).
    const deleted = [];
    for (let k = drafts.length - 1; k >= 0; k--)
      if (last || w.chance(0.5)) {
        deleted.push(drafts[k]);
        drafts.splice(k, 1);
      }
    const newDrafts = [];
    if (!last)
      for (let k = Math.max(1, Math.round(order.length * 0.005)); k > 0; k--) {
        const from = order[Math.floor(w.rand() * Math.max(1, target))];
        const rel = from.replace(/[^/]*$/, `draft-${m}-${k}.md`);
        newDrafts.push([rel, from]);
        drafts.push(rel);
      }
    for (const rel of deleted) rmSync(join(dir, rel), { force: true });
    for (const rel of [...added, ...edited]) write(rel, textOf(rel));
    for (const [rel, from] of newDrafts) write(rel, `${textOf(from)}\nDraft: ${w.sentence()}\n`);
    present = target;
    const date = dates[m].toISOString();
    git(['add', '-A']);
    git(
      [
        'commit',
        '-q',
        '--allow-empty',
        '-m',
        `${dates[m].toISOString().slice(0, 7)}: ${added.length} added, ${edited.length} edited, ${deleted.length} deleted, ${newDrafts.length} drafts`,
      ],
      { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    );
    log(`  history commit ${m + 1}/${HISTORY_COMMITS}: ${target} documents + ${drafts.length} drafts`);
  }
  writeFileSync(stamp, want);
  return {
    dir,
    commits: HISTORY_COMMITS,
    files: all.length,
    built: true,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
}

/** A change-log line, the same for the same file and month (so that a rebuilt repository is identical). */
function changeLine(rel, m) {
  const w = new Writer(prng([...rel].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, m + 1)));
  const words = Array.from({ length: w.int(6, 12) }, () => w.pick(WORDS));
  return `${words[0][0].toUpperCase()}${words[0].slice(1)} ${words.slice(1).join(' ')}.`;
}
