// A YAML editor with problems underlined at their place. CodeMirror loads on first mount; until then a
// box of the same size holds the place, so the page does not jump.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EditorHandle, EditorProblem } from './yamlEditorView';
import { useDarkMode } from '../theme';

export interface YamlEditorProps {
  initialText: string;
  onChange: (text: string) => void;
  problems: EditorProblem[];
  /** Called once the editor exists, with the handle to set its text or move its cursor. */
  onReady: (editor: EditorHandle) => void;
  label: string;
}

export function YamlEditor({ initialText, onChange, problems, onReady, label }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | undefined>(undefined);
  const [failed, setFailed] = useState<string>();
  const dark = useDarkMode();
  const latest = useRef({ onChange, onReady, dark, problems });
  latest.current = { onChange, onReady, dark, problems };

  useEffect(() => {
    let cancelled = false;
    import('./yamlEditorView').then(
      ({ createEditor }) => {
        if (cancelled || !host.current) return;
        const e = createEditor(host.current, initialText, (t) => latest.current.onChange(t), latest.current.dark, label);
        editor.current = e;
        e.setProblems(latest.current.problems);
        latest.current.onReady(e);
      },
      (e) => setFailed(String(e)),
    );
    return () => {
      cancelled = true;
      editor.current?.destroy();
      editor.current = undefined;
    };
    // the editor is created once; later text changes go through the handle
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => editor.current?.setDark(dark), [dark]);
  useEffect(() => editor.current?.setProblems(problems), [problems]);

  return (
    <div class="yaml-editor" ref={host}>
      {failed && <div class="error-box" role="alert">The editor could not load: {failed}</div>}
    </div>
  );
}
