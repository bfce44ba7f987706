// SECURITY.md R-1 as enforced: the lint config rejects every HTML sink in renderer code, and no rule is switched off without a SECURITY-REVIEWED reason.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../..');

async function rulesHit(code: string, file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [res] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (res?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|vue|mjs|cjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

describe('lint policy (R-1)', () => {
  it('flags each HTML sink in renderer TypeScript', async () => {
    const sinks: [string, RegExp][] = [
      ['export function f(el: HTMLElement, s: string) { el.innerHTML = s; }', /no-unsanitized\/property|no-restricted-properties/],
      ['export function f(el: HTMLElement, s: string) { el.outerHTML = s; }', /no-unsanitized\/property|no-restricted-properties/],
      ["export function f(el: HTMLElement, s: string) { el.insertAdjacentHTML('beforeend', s); }", /no-unsanitized\/method|no-restricted-properties/],
      ['export function f(s: string) { document.write(s); }', /no-unsanitized\/method|no-restricted-properties/],
      ['export function f(r: Range, s: string) { return r.createContextualFragment(s); }', /no-unsanitized\/method/],
    ];
    for (const [code, rule] of sinks) {
      const hits = await rulesHit(code, 'src-renderer/src/probe.ts');
      expect(hits.join(' '), code).toMatch(rule);
    }
    expect(await rulesHit('export function f(el: HTMLElement, s: string) { el.textContent = s; }', 'src-renderer/src/probe.ts')).toEqual([]);
  }, 60_000);

  it('flags v-html and :innerHTML in Vue templates', async () => {
    const sfc = (tpl: string) => `<script setup lang="ts">\nconst s = 'x';\n</script>\n<template>${tpl}</template>\n`;
    expect(await rulesHit(sfc('<div v-html="s"></div>'), 'src-renderer/src/components/Probe.vue')).toContain('vue/no-v-html');
    expect(await rulesHit(sfc('<div :innerHTML="s"></div>'), 'src-renderer/src/components/Probe.vue')).toContain('vue/no-restricted-v-bind');
    expect(await rulesHit(sfc('<div>{{ s }}</div>'), 'src-renderer/src/components/Probe.vue')).toEqual([]);
  }, 60_000);

  it('no lint rule is disabled in the app without a SECURITY-REVIEWED reason on the same line', () => {
    const offenders: string[] = [];
    for (const f of [...sourceFiles(join(ROOT, 'src-main')), ...sourceFiles(join(ROOT, 'src-renderer/src'))]) {
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (/eslint-disable/.test(line) && !/SECURITY-REVIEWED: \S/.test(line)) offenders.push(`${relative(ROOT, f)}:${i + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
