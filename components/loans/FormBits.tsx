'use client';

import { useState } from 'react';
import type { MessageKey } from '@/lib/i18n/messages/en';

export const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500';

/** A text field with its label, an optional hint and the form's message for it. */
export function Field({
  label,
  name,
  value,
  onChange,
  error,
  hint,
  placeholder,
  inputMode = 'decimal',
}: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  placeholder?: string;
  inputMode?: 'decimal' | 'numeric';
}) {
  return (
    <label className="block text-sm font-medium">
      {label}
      <input className={inputClass} name={name} inputMode={inputMode} placeholder={placeholder} value={value} aria-invalid={Boolean(error)} onChange={(e) => onChange(e.target.value)} data-testid={`field-${name}`} />
      {hint ? <span className="mt-1 block text-xs font-normal text-slate-500">{hint}</span> : null}
      {error ? (
        <span role="alert" className="mt-1 block text-xs text-red-700" data-testid={`error-${name}`}>
          {error}
        </span>
      ) : null}
    </label>
  );
}

/** Form state: every field as typed, with "submitted" so messages show only after the first try. */
export function useFormFields<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [submitted, setSubmitted] = useState(false);
  const set = (name: keyof T) => (v: string) => setValues((old) => ({ ...old, [name]: v }));
  const reset = () => {
    setValues(initial);
    setSubmitted(false);
  };
  return { values, set, submitted, setSubmitted, reset };
}

/** The form's message for a field, in the reader's language, once the form was submitted. */
export function issueOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, submitted: boolean, field: string, t: (k: MessageKey) => string) {
  if (!submitted || result.success) return undefined;
  const issue = result.error?.issues.find((i) => i.path[0] === field);
  return issue ? t(issue.message as MessageKey) : undefined;
}
