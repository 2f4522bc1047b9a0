// The typing benchmark's floor (e2e/typing.bench.mjs): a bare CodeMirror 6
// editor, line wrapping its only extension, none of the app's. The benchmark
// bundles this file and runs it over the app's page, so that the same text
// and the same keys, in the same browser on the same machine, show what
// CodeMirror itself costs before anything of ours.
import { EditorView } from '@codemirror/view';
import { EditorState } from '@codemirror/state';

/** Covers the page with a bare editor of doc, the cursor at `at`, focused. */
window.__floorEditor = (doc, at) => {
  const host = document.createElement('div');
  host.id = 'floor-editor';
  host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#fff;font:12pt "Courier Prime",monospace';
  document.body.append(host);
  const view = new EditorView({
    parent: host,
    state: EditorState.create({ doc, selection: { anchor: at }, extensions: [EditorView.lineWrapping] }),
  });
  view.dom.style.height = '100%';
  view.dispatch({ effects: EditorView.scrollIntoView(at, { y: 'center' }) });
  view.focus();
  window.__floorView = view;
  return view.state.doc.lineAt(at).text;
};
