// Inline, print-friendly stylesheet of the HTML report (embedded as a string so bundling needs no file lookup).
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10.5pt; color: #1b1f24; margin: 2em auto; max-width: 70em; padding: 0 1.5em; line-height: 1.4; }
h1 { font-size: 20pt; margin: 0 0 .4em; }
h2 { font-size: 14pt; border-bottom: 1px solid #c8ced6; padding-bottom: .2em; margin-top: 1.8em; break-after: avoid; }
h3, h4 { font-size: 11.5pt; margin: 1.2em 0 .4em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; table-layout: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #c8ced6; padding: .25em .4em; text-align: left; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; unicode-bidi: isolate; }
th { background: #eef1f4; font-weight: bold; }
.mono, code, pre { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt; }
pre { background: #f5f7f9; border: 1px solid #dde2e7; padding: .5em; white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
blockquote, .note { border-left: 3px solid #9aa5b1; margin: .4em 0 1em; padding: .1em .8em; background: #fafbfc; unicode-bidi: isolate; }
.draft { border: 2px solid #b42318; color: #b42318; font-weight: bold; padding: .4em .8em; margin: .5em 0; }
.warning { color: #b42318; font-weight: bold; }
footer { margin-top: 2.5em; border-top: 1px solid #c8ced6; padding-top: .6em; font-size: 9pt; color: #4b5563; }
footer dt { font-weight: bold; float: left; clear: left; width: 11em; }
footer dd { margin-left: 11.5em; overflow-wrap: anywhere; }
@page { margin: 16mm 14mm; }
@media print { body { margin: 0; max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
`;
