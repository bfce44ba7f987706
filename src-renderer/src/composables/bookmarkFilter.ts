// Pure filtering and sorting of bookmarks for the Bookmarks view (text, tag, technique, severity; time, severity, source).
import type { Bookmark } from '../../../src-main/contract/model';
import { SEVERITIES } from '../../../src-main/contract/model';

export type BookmarkSort = 'time' | 'severity' | 'source';

export interface BookmarkFilter {
  text: string;
  tag: string;
  technique: string;
  severity: string;
}

export const EMPTY_FILTER: BookmarkFilter = { text: '', tag: '', technique: '', severity: '' };

function includesFolded(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

export function matchesFilter(b: Bookmark, f: BookmarkFilter): boolean {
  const text = f.text.trim();
  if (text !== '' && ![b.note, b.summary, b.sourceName, ...b.tags].some((s) => includesFolded(s, text))) return false;
  const tag = f.tag.trim().toLowerCase();
  if (tag !== '' && !b.tags.some((t) => t.toLowerCase() === tag)) return false;
  const technique = f.technique.trim().toUpperCase();
  // a parent id (T1552) also matches its sub-techniques (T1552.001)
  if (technique !== '' && !b.techniques.some((t) => t === technique || t.startsWith(`${technique}.`))) return false;
  if (f.severity !== '' && b.severity !== f.severity) return false;
  return true;
}

function severityRank(s: string): number {
  const i = (SEVERITIES as readonly string[]).indexOf(s);
  return i < 0 ? -1 : i;
}

/** Null times sort last; ties fall back to source then row so the order is stable. */
function byTime(a: Bookmark, b: Bookmark): number {
  if (a.time !== b.time) {
    if (a.time === null) return 1;
    if (b.time === null) return -1;
    return a.time < b.time ? -1 : 1;
  }
  return 0;
}

function bySource(a: Bookmark, b: Bookmark): number {
  return a.sourceName.localeCompare(b.sourceName) || a.row - b.row;
}

export function sortBookmarks(list: readonly Bookmark[], sort: BookmarkSort): Bookmark[] {
  const cmp = (a: Bookmark, b: Bookmark): number => {
    if (sort === 'severity') return severityRank(b.severity) - severityRank(a.severity) || byTime(a, b) || bySource(a, b);
    if (sort === 'source') return bySource(a, b) || byTime(a, b);
    return byTime(a, b) || bySource(a, b);
  };
  return [...list].sort(cmp);
}

export function filterAndSort(list: readonly Bookmark[], f: BookmarkFilter, sort: BookmarkSort): Bookmark[] {
  return sortBookmarks(list.filter((b) => matchesFilter(b, f)), sort);
}

/** Every tag in use, sorted, for the tag filter's choices. */
export function tagsInUse(list: readonly Bookmark[]): string[] {
  return [...new Set(list.flatMap((b) => b.tags))].sort((a, b) => a.localeCompare(b));
}
