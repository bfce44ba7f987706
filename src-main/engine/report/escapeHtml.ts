// The single HTML escaper every data value in the HTML report goes through (SECURITY.md X-4).
import { revealControls } from './format';

const HTML_META: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return revealControls(text).replace(/[&<>"']/g, (ch) => HTML_META[ch] ?? ch);
}
