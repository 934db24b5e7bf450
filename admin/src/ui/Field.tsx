/**
 * Labelled form controls with their error message tied by aria-describedby, so every control
 * has a visible label and a screen reader reads the error with it.
 */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldFrameProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean | undefined;
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame({ id, label, error, hint, required, children }: FieldFrameProps & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {children}
      {error ? (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** A labelled <input>. */
export function TextField({ label, error, hint, ...input }: FieldFrameProps & InputHTMLAttributes<HTMLInputElement>) {
  const autoId = useId();
  const id = input.id ?? autoId;
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={input.required}>
      <input {...input} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} />
    </Frame>
  );
}

/** A labelled <textarea>. */
export function TextAreaField({ label, error, hint, ...area }: FieldFrameProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const autoId = useId();
  const id = area.id ?? autoId;
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={area.required}>
      <textarea {...area} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} />
    </Frame>
  );
}

/** A labelled <select>. */
export function SelectField({ label, error, hint, children, ...select }: FieldFrameProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const autoId = useId();
  const id = select.id ?? autoId;
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={select.required}>
      <select {...select} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)}>
        {children}
      </select>
    </Frame>
  );
}
