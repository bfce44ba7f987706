// Renders an analyst's note Markdown to HTML with no raw HTML, no links, no images (link syntax stays literal text).
import MarkdownIt from 'markdown-it';
import { revealControls } from './format';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true }).disable(
  ['link', 'image', 'autolink', 'linkify', 'reference', 'html_inline', 'html_block'],
  true,
);

export function renderNoteHtml(note: string): string {
  return md.render(revealControls(note));
}
