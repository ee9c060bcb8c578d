/**
 * An SVG badge in the familiar two-part "flat" style: "OML" on the left, the
 * overall level and its name ("3 · Scaling") on the right, coloured from red
 * (level 1) to bright green (level 5). Meant for a README, so it has no
 * scripts and no external resources, and its text is escaped.
 */
import type { Report } from '../../core/report/types';
import { escapeHtml, levelLabel, levelName } from '../../core/report/common';

/** Fill colour of the right half by overall level; grey for level 0. */
export const BADGE_COLORS: Readonly<Record<number, string>> = {
  0: '#9f9f9f',
  1: '#e05d44',
  2: '#fe7d37',
  3: '#dfb317',
  4: '#97ca00',
  5: '#44cc11',
};

const LABEL = 'OML';
/** Average advance of an 11px Verdana glyph: close enough to size the box without a font file. */
const CHAR_WIDTH = 7;
const PADDING = 10;

/** Width in pixels of one half of the badge holding `text`. */
export function badgeTextWidth(text: string): number {
  return Math.round([...text].length * CHAR_WIDTH) + PADDING;
}

/** Renders the badge SVG for the overall level of the report. */
export function formatBadge(report: Report): string {
  const level = report.levels.overall;
  const message = level > 0 || report.summary.procedures > 0 ? levelLabel(report, level) : levelName(report, 0);
  const color = BADGE_COLORS[level] ?? BADGE_COLORS[0];
  const left = badgeTextWidth(LABEL);
  const right = badgeTextWidth(message);
  const width = left + right;
  const title = escapeHtml(`${LABEL} ${message}`);
  const label = escapeHtml(LABEL);
  const value = escapeHtml(message);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}">
<title>${title}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)">
<rect width="${left}" height="20" fill="#555"/>
<rect x="${left}" width="${right}" height="20" fill="${color}"/>
<rect width="${width}" height="20" fill="url(#s)"/>
</g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${left / 2}" y="15" fill="#010101" fill-opacity=".3">${label}</text>
<text x="${left / 2}" y="14">${label}</text>
<text x="${left + right / 2}" y="15" fill="#010101" fill-opacity=".3">${value}</text>
<text x="${left + right / 2}" y="14">${value}</text>
</g>
</svg>
`;
}
