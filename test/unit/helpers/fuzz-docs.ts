/** Generators of SOP-like documents, broken ones included, for the property tests. */
import fc from 'fast-check';

/** Markdown fragments that SOPs are made of, including broken ones. */
const fragment = fc.oneof(
  fc.constantFrom(
    '# Title runbook',
    '## Purpose',
    '## Procedure',
    '## Steps',
    '## Verification',
    '## Checklist',
    '## Prerequisites',
    '## Metrics',
    '1. First step',
    '2. Second step',
    '3. Third step',
    '- [ ] tick me',
    '- [x] ticked',
    '* bullet',
    '   - nested',
    '> quote',
    '>>>> deep quote',
    '```',
    '```bash',
    '~~~',
    '| a | b |',
    '|---|---|',
    '| x | y |',
    '---',
    '***',
    '***bold*** _em_',
    'Owner: Sam',
    '**Owner:** Team lead',
    '| Owner | Pat |',
    '[link](other.md)',
    '[anchor](#purpose)',
    '[broken](nowhere.md#x)',
    '![img](img/x.png)',
    '<a href="../x.md">x</a>',
    '<!-- sop-maturity-disable checklist -- reason (until 2027-01-01) -->',
    '<!-- sop-maturity-disable -->',
    '<!-- sop-maturity-disable links -- r (until soon) -->',
    '<!-- MARKER: do not edit -->',
    '<!-- END_MARKER -->',
    '[ref]: ./ref.md',
    'https://example.com/autolink',
    '<!--',
    '\u0000',
    '\uFEFF',
    '\r',
    '\t\t',
    'é ü 日本語 🚀',
    '[',
    ']',
    '(',
    '*',
    '_',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const yamlValue = fc.oneof(
  fc.constantFrom(
    'TBD',
    'everyone',
    '"Sam Patel"',
    "'x'",
    '2026-05-01',
    '05/01/2026',
    '2026-13-45',
    'spring',
    '[a, b]',
    '{a: 1}',
    'null',
    '~',
    '123',
    'true',
    '|',
    '>',
    '"unclosed',
    '[unclosed',
    '*alias',
    '&anchor value',
    '!!binary aGk=',
    '!custom x',
  ),
  fc.string({ maxLength: 30 }).map((s) => JSON.stringify(s)),
  fc.integer().map(String),
);
const yamlKey = fc.constantFrom(
  'owner',
  'Owner',
  'owners',
  'maintainer',
  'category',
  'last_reviewed',
  'Last-Reviewed',
  'ms.date',
  'review_in',
  'review_by',
  'type',
  'kind',
  'tags',
  'traits',
  'title',
  'automation',
  'metrics',
  'x',
  'owner',
);
const frontMatter = fc.oneof(
  fc
    .array(fc.tuple(yamlKey, yamlValue), { maxLength: 8 })
    .map((pairs) => `---\n${pairs.map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n`),
  fc
    .array(fc.tuple(yamlKey, yamlValue), { maxLength: 6 })
    .map((pairs) => `+++\n${pairs.map(([k, v]) => `${k.replace(/\W/g, '_')} = ${v}`).join('\n')}\n+++\n`),
  fc.constant(''),
  fc.constant('---\n'),
  fc.constant('---\n---\n'),
  fc.constant('---\n- a list\n---\n'),
);

const eolArb = fc.constantFrom('\n', '\r\n');
/** A generated document: front matter of any form, fragments, LF or CRLF, with or without a trailing newline. */
export const document = fc
  .tuple(frontMatter, fc.array(fragment, { maxLength: 25 }), eolArb, fc.boolean())
  .map(([fm, lines, eol, trailing]) => {
    const body = lines.join('\n');
    const text = (fm + body).replace(/\r?\n/g, eol);
    return trailing ? text + eol : text;
  });
