/**
 * The article body editor: TipTap with a labelled toolbar (role=toolbar, one Tab stop, arrow
 * keys move between buttons — WAI-ARIA toolbar pattern), aria-pressed on marks and blocks,
 * keyboard shortcuts listed beside it, a link dialog that refuses targets other than http,
 * https, mailto and site paths, and images/videos from the media library inserted as figures
 * with alt text and caption (editable in a dialog; alt text required). Escape in the text
 * returns to the toolbar.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField, TextAreaField } from '../../ui/Field.tsx';
import { MediaPicker } from '../../media/MediaPicker.tsx';
import { bodyExtensions, toStoredHtml, type FigureAttrs } from './extensions.ts';
import { isAcceptedLink } from './link-rules.ts';

/** Props of {@link BodyEditor}. */
export interface BodyEditorProps {
  siteId: number;
  /** Initial HTML; a new `resetKey` loads `html` again (after a reload or a discarded conflict). */
  html: string;
  resetKey: number;
  editable: boolean;
  labelId: string;
  onChange(html: string): void;
}

interface ToolButton {
  id: string;
  label: string;
  icon: string;
  shortcut?: string;
  /** aria-keyshortcuts value. */
  keys?: string;
  pressed?: boolean;
  disabled?: boolean;
  dialog?: boolean;
  run(): void;
}

/** The body editor. */
export function BodyEditor({ siteId, html, resetKey, editable, labelId, onChange }: BodyEditorProps) {
  const { t } = useTranslation();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const toolbarRef = useRef<HTMLDivElement>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [figureOpen, setFigureOpen] = useState(false);
  const [pickerOpen, setPickerOpen] = useState(false);
  const shortcutsId = useId();

  const editor = useEditor({
    extensions: bodyExtensions(t('editor.body.placeholder')),
    content: html,
    injectCSS: false,
    editable,
    shouldRerenderOnTransaction: true,
    editorProps: {
      attributes: { 'aria-labelledby': labelId, 'aria-describedby': shortcutsId, 'aria-multiline': 'true', role: 'textbox', class: 'body-editor-content' },
      handleKeyDown: (_view, event) => {
        if (event.key === 'Escape') {
          toolbarRef.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus();
          return true;
        }
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
          event.preventDefault();
          setLinkOpen(true);
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: e }) => onChangeRef.current(toStoredHtml(e.getHTML())),
  });

  useEffect(() => {
    if (editor && resetKey > 0) editor.commands.setContent(html, { emitUpdate: false });
    // Only a new reset key reloads the text; `html` changes on every keystroke.
  }, [editor, resetKey]);

  useEffect(() => {
    editor?.setEditable(editable, false);
  }, [editor, editable]);

  if (!editor) return null;
  const figureSelected = editor.isActive('imageFigure') || editor.isActive('videoFigure');
  const inTable = editor.isActive('table');
  const chain = () => editor.chain().focus();
  const buttons: ToolButton[][] = [
    [
      { id: 'paragraph', label: t('editor.toolbar.paragraph'), icon: '¶', shortcut: 'Ctrl+Alt+0', keys: 'Control+Alt+0', pressed: editor.isActive('paragraph'), run: () => chain().setParagraph().run() },
      ...([2, 3, 4] as const).map((level) => ({
        id: `h${level}`,
        label: t('editor.toolbar.heading', { level }),
        icon: `H${level}`,
        shortcut: `Ctrl+Alt+${level}`,
        keys: `Control+Alt+${level}`,
        pressed: editor.isActive('heading', { level }),
        run: () => chain().toggleHeading({ level }).run(),
      })),
    ],
    [
      { id: 'bold', label: t('editor.toolbar.bold'), icon: 'B', shortcut: 'Ctrl+B', keys: 'Control+B', pressed: editor.isActive('bold'), run: () => chain().toggleBold().run() },
      { id: 'italic', label: t('editor.toolbar.italic'), icon: 'I', shortcut: 'Ctrl+I', keys: 'Control+I', pressed: editor.isActive('italic'), run: () => chain().toggleItalic().run() },
    ],
    [
      { id: 'bullets', label: t('editor.toolbar.bulletList'), icon: '•', shortcut: 'Ctrl+Shift+8', keys: 'Control+Shift+8', pressed: editor.isActive('bulletList'), run: () => chain().toggleBulletList().run() },
      { id: 'numbers', label: t('editor.toolbar.orderedList'), icon: '1.', shortcut: 'Ctrl+Shift+7', keys: 'Control+Shift+7', pressed: editor.isActive('orderedList'), run: () => chain().toggleOrderedList().run() },
      { id: 'quote', label: t('editor.toolbar.quote'), icon: '“', shortcut: 'Ctrl+Shift+B', keys: 'Control+Shift+B', pressed: editor.isActive('blockquote'), run: () => chain().toggleBlockquote().run() },
    ],
    [
      { id: 'link', label: t('editor.toolbar.link'), icon: t('editor.toolbar.link'), shortcut: 'Ctrl+K', keys: 'Control+K', pressed: editor.isActive('link'), dialog: true, run: () => setLinkOpen(true) },
      { id: 'media', label: t('editor.toolbar.media'), icon: t('editor.toolbar.mediaShort'), dialog: true, run: () => setPickerOpen(true) },
      { id: 'figure', label: t('editor.toolbar.figure'), icon: t('editor.toolbar.figureShort'), dialog: true, disabled: !figureSelected, run: () => setFigureOpen(true) },
      { id: 'table', label: t('editor.toolbar.table'), icon: '▦', run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
    ],
    ...(inTable
      ? [
          [
            { id: 'row', label: t('editor.toolbar.addRow'), icon: '+≡', run: () => chain().addRowAfter().run() },
            { id: 'col', label: t('editor.toolbar.addColumn'), icon: '+⫴', run: () => chain().addColumnAfter().run() },
            { id: 'delrow', label: t('editor.toolbar.deleteRow'), icon: '−≡', run: () => chain().deleteRow().run() },
            { id: 'deltable', label: t('editor.toolbar.deleteTable'), icon: '✕▦', run: () => chain().deleteTable().run() },
          ],
        ]
      : []),
    [
      { id: 'undo', label: t('editor.toolbar.undo'), icon: '↶', shortcut: 'Ctrl+Z', keys: 'Control+Z', disabled: !editor.can().undo(), run: () => chain().undo().run() },
      { id: 'redo', label: t('editor.toolbar.redo'), icon: '↷', shortcut: 'Ctrl+Shift+Z', keys: 'Control+Shift+Z', disabled: !editor.can().redo(), run: () => chain().redo().run() },
    ],
  ];

  return (
    <div className="body-editor">
      {editable ? <Toolbar groups={buttons} toolbarRef={toolbarRef} label={t('editor.toolbar.label')} /> : null}
      <EditorContent editor={editor} className="body-editor-frame" />
      <details className="shortcuts">
        <summary>{t('editor.shortcuts.title')}</summary>
        <ul id={shortcutsId}>
          <li>{t('editor.shortcuts.toolbar')}</li>
          {buttons
            .flat()
            .filter((b) => b.shortcut)
            .map((b) => (
              <li key={b.id}>
                <kbd>{b.shortcut}</kbd> — {b.label}
              </li>
            ))}
          <li>{t('editor.shortcuts.lists')}</li>
        </ul>
      </details>
      <LinkDialog open={linkOpen} editor={editor} onClose={() => setLinkOpen(false)} />
      <FigureDialog open={figureOpen} editor={editor} onClose={() => setFigureOpen(false)} />
      <MediaPicker
        siteId={siteId}
        open={pickerOpen}
        onClose={() => setPickerOpen(false)}
        onPick={(media) => {
          const attrs = { src: media.url, alt: media.alt, caption: media.caption ?? '' };
          if (media.kind === 'video') editor.chain().focus().insertVideoFigure(attrs).run();
          else editor.chain().focus().insertImageFigure({ ...attrs, width: media.width, height: media.height }).run();
        }}
      />
    </div>
  );
}

/** A WAI-ARIA toolbar: one Tab stop, arrows/Home/End move focus, disabled buttons stay focusable. */
function Toolbar({ groups, label, toolbarRef }: { groups: ToolButton[][]; label: string; toolbarRef: React.RefObject<HTMLDivElement | null> }) {
  const flat = useMemo(() => groups.flat(), [groups]);
  const [active, setActive] = useState(0);
  const index = Math.min(active, flat.length - 1);

  function onKeyDown(event: ReactKeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: flat.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = (target + flat.length) % flat.length;
    setActive(next);
    toolbarRef.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  }

  let position = -1;
  return (
    <div className="toolbar" role="toolbar" aria-label={label} ref={toolbarRef} onKeyDown={onKeyDown}>
      {groups.map((group, g) => (
        <div className="toolbar-group" role="group" key={g}>
          {group.map((b) => {
            position += 1;
            const mine = position;
            return (
              <button
                key={b.id}
                type="button"
                className="tool"
                tabIndex={mine === index ? 0 : -1}
                aria-label={b.shortcut ? `${b.label} (${b.shortcut})` : b.label}
                aria-keyshortcuts={b.keys}
                aria-pressed={b.pressed === undefined ? undefined : b.pressed}
                aria-haspopup={b.dialog ? 'dialog' : undefined}
                aria-disabled={b.disabled ? true : undefined}
                title={b.shortcut ? `${b.label} (${b.shortcut})` : b.label}
                onFocus={() => setActive(mine)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  if (!b.disabled) b.run();
                }}
              >
                <span aria-hidden="true">{b.icon}</span>
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** Adds, changes or removes a link on the selection; refuses unsafe targets with a message. */
function LinkDialog({ open, editor, onClose }: { open: boolean; editor: Editor; onClose(): void }) {
  const { t } = useTranslation();
  const [href, setHref] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const existing = editor.getAttributes('link').href as string | undefined;
  const emptySelection = editor.state.selection.empty && !existing;

  useEffect(() => {
    if (open) {
      setHref(existing ?? '');
      setText('');
      setError(undefined);
    }
    // Filled once as the dialog opens, from the selection at that moment.
  }, [open]);

  function apply() {
    const target = href.trim();
    if (!isAcceptedLink(target)) {
      setError(t('editor.link.refused'));
      return;
    }
    if (emptySelection) {
      const label = text.trim() || target;
      editor.chain().focus().insertContent({ type: 'text', text: label, marks: [{ type: 'link', attrs: { href: target } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href: target }).run();
    }
    onClose();
  }

  return (
    <Dialog
      open={open}
      title={existing ? t('editor.link.editTitle') : t('editor.link.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="primary" onClick={apply}>
            {t('editor.link.apply')}
          </button>
          {existing ? (
            <button
              type="button"
              onClick={() => {
                editor.chain().focus().extendMarkRange('link').unsetLink().run();
                onClose();
              }}
            >
              {t('editor.link.remove')}
            </button>
          ) : null}
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <TextField label={t('editor.link.href')} hint={t('editor.link.hint')} value={href} error={error} required onChange={(e) => setHref(e.target.value)} inputMode="url" autoComplete="off" />
        {emptySelection ? <TextField label={t('editor.link.text')} value={text} onChange={(e) => setText(e.target.value)} /> : null}
        <button type="submit" className="visually-hidden" tabIndex={-1}>
          {t('editor.link.apply')}
        </button>
      </form>
    </Dialog>
  );
}

/** Edits the alt text (required) and caption of the selected image or video figure. */
function FigureDialog({ open, editor, onClose }: { open: boolean; editor: Editor; onClose(): void }) {
  const { t } = useTranslation();
  const type = editor.isActive('videoFigure') ? 'videoFigure' : 'imageFigure';
  const attrs = editor.getAttributes(type) as Partial<FigureAttrs>;
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (open) {
      setAlt(attrs.alt ?? '');
      setCaption(attrs.caption ?? '');
      setError(undefined);
    }
    // Filled once as the dialog opens, from the selection at that moment.
  }, [open]);

  function apply() {
    if (!alt.trim()) {
      setError(t('editor.figure.altRequired'));
      return;
    }
    editor.chain().focus().updateAttributes(type, { alt: alt.normalize('NFC').trim(), caption: caption.normalize('NFC').trim() }).run();
    onClose();
  }

  return (
    <Dialog
      open={open}
      title={t('editor.figure.title')}
      onClose={onClose}
      footer={
        <button type="button" className="primary" onClick={apply}>
          {t('editor.figure.apply')}
        </button>
      }
    >
      {attrs.src && type === 'imageFigure' ? <img className="figure-dialog-thumb" src={attrs.src} alt="" /> : null}
      <TextField label={t('editor.figure.alt')} hint={t('editor.figure.altHint')} required value={alt} error={error} onChange={(e) => setAlt(e.target.value)} />
      <TextAreaField label={t('editor.figure.caption')} rows={2} value={caption} onChange={(e) => setCaption(e.target.value)} />
    </Dialog>
  );
}
