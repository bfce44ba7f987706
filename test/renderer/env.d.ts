// Lets the Node type-check (tsconfig.node.json) see renderer code imported by these tests: DOM, vite/client, *.vue.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
