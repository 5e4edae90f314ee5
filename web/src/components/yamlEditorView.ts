// The CodeMirror 6 YAML editor behind <YamlEditor>: imported on first use only, so no other page pays
// for CodeMirror. Colours are CSS variables (styles.css), so light and dark follow the system
// without rebuilding the editor; the `dark` flag only tells CodeMirror which base theme to use.
import { EditorView, basicSetup } from 'codemirror';
import { Compartment, EditorSelection } from '@codemirror/state';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { tags } from '@lezer/highlight';

export interface EditorProblem {
  from: number;
  to: number;
  message: string;
}

export interface EditorHandle {
  text(): string;
  setText(text: string): void;
  setProblems(problems: EditorProblem[]): void;
  /** Moves the cursor to the start of a 1-based line, scrolls it into view and focuses the editor. */
  goToLine(line: number): void;
  setDark(dark: boolean): void;
  destroy(): void;
}

const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--cm-key)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--cm-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--cm-number)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--cm-comment)', fontStyle: 'italic' },
  { tag: [tags.meta, tags.keyword, tags.typeName, tags.labelName], color: 'var(--cm-meta)' },
  { tag: [tags.punctuation, tags.separator, tags.squareBracket, tags.brace], color: 'var(--fg-soft)' },
]);

function baseTheme(dark: boolean) {
  return EditorView.theme(
    {
      '&': { height: '100%', backgroundColor: 'var(--bg)', color: 'var(--fg)', fontSize: '13px' },
      '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
      '.cm-gutters': { backgroundColor: 'var(--bg-soft)', color: 'var(--fg-soft)', borderRight: '1px solid var(--border)' },
      '.cm-activeLine': { backgroundColor: 'var(--cm-active-line)' },
      '.cm-activeLineGutter': { backgroundColor: 'var(--bg-hover)' },
      '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--fg)' },
      '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--cm-selection)' },
      '.cm-tooltip': { backgroundColor: 'var(--bg-soft)', color: 'var(--fg)', border: '1px solid var(--border)' },
      '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
    },
    { dark },
  );
}

export function createEditor(parent: HTMLElement, text: string, onChange: (text: string) => void, dark: boolean,
  label: string): EditorHandle {
  const theme = new Compartment();
  const view = new EditorView({
    parent,
    doc: text,
    extensions: [
      basicSetup,
      yaml(),
      lintGutter(),
      syntaxHighlighting(highlight),
      theme.of(baseTheme(dark)),
      EditorView.contentAttributes.of({ 'aria-label': label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChange(u.state.doc.toString());
      }),
    ],
  });
  return {
    text: () => view.state.doc.toString(),
    setText(next) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    setProblems(problems) {
      const length = view.state.doc.length;
      const diagnostics: Diagnostic[] = problems.map((p) => {
        const from = Math.min(p.from, length);
        return { from, to: Math.min(Math.max(p.to, from), length), severity: 'error', message: p.message };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goToLine(line) {
      const l = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
      view.dispatch({ selection: EditorSelection.cursor(l.from), effects: EditorView.scrollIntoView(l.from, { y: 'center' }) });
      view.focus();
    },
    setDark(next) {
      view.dispatch({ effects: theme.reconfigure(baseTheme(next)) });
    },
    destroy: () => view.destroy(),
  };
}
