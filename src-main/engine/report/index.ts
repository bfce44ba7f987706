// Public API of the report engine: model types, IOC/ATT&CK helpers, defanging, the three renderers, atomic writes.
export * from './model';
export { ATTACK_TECHNIQUES, isTechniqueId, techniqueName, normalizeTechniqueId, type AttackRow } from './attack';
export { IOC_TYPE_ORDER } from './iocs';
export { defang, defangUrlsIn } from './defang';
export { renderMarkdown } from './markdown';
export { renderHtml, REPORT_CSP } from './html';
export { renderPdf, type PdfOptions } from './pdf';
export { writeFileAtomic, type AtomicData } from './atomic';
export { escapeHtml } from './escapeHtml';
export { mdInline, mdBlock, mdTable } from './escapeMarkdown';
