'use client';

import { useId, useState, type FormEvent } from 'react';
import type { MessageKey } from '@/lib/i18n/messages/en';
import type { TxState } from '@/lib/tx/useTransaction';
import { TxStatus } from '../ui/TxStatus';

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
  // The hint and the message sit under the field and are its accessible description.
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div>
      <label className="block text-sm font-medium">
        {label}
        <input
          className={inputClass}
          name={name}
          inputMode={inputMode}
          placeholder={placeholder}
          value={value}
          aria-invalid={Boolean(error)}
          aria-describedby={described || undefined}
          onChange={(e) => onChange(e.target.value)}
          data-testid={`field-${name}`}
        />
      </label>
      {hint ? (
        <span id={`${id}-hint`} className="mt-1 block text-xs font-normal text-slate-500">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} role="alert" className="mt-1 block text-xs text-red-700" data-testid={`error-${name}`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/**
 * A form that posts a position: every field as typed, "submitted" so messages show only after the first try, and
 * `onSubmit(parsed, post)`, which sends a valid form through `post` (resolving to the new position id, or null on
 * failure), keeps the id and clears the form.
 */
export function usePostingForm<T extends Record<string, string>>(initial: T, tx: { reset: () => void }) {
  const [values, setValues] = useState<T>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [posted, setPosted] = useState<bigint | null>(null);
  const set = (name: keyof T) => (v: string) => setValues((old) => ({ ...old, [name]: v }));
  async function submit<P>(parsed: { success: boolean; data?: P }, post: (p: P) => Promise<bigint | null>) {
    setSubmitted(true);
    setPosted(null);
    tx.reset();
    if (!parsed.success) return;
    const id = await post(parsed.data as P);
    if (id === null) return;
    setPosted(id);
    setValues(initial);
    setSubmitted(false);
  }
  const onSubmit =
    <P,>(parsed: { success: boolean; data?: P }, post: (p: P) => Promise<bigint | null>) =>
    (e: FormEvent) => {
      e.preventDefault();
      void submit(parsed, post);
    };
  return { values, set, submitted, posted, onSubmit };
}

/** Under a posting form: the new position's id once posted, else the transaction's state. */
export function PostedOrStatus({ posted, state, testId, text }: { posted: bigint | null; state: TxState; testId: string; text: (id: string) => string }) {
  if (posted !== null && state.status === 'confirmed') {
    return (
      <p className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900" data-testid={testId} data-id={posted.toString()}>
        {text(posted.toString())}
      </p>
    );
  }
  return <TxStatus state={state} />;
}

/** The form's message for a field, in the reader's language, once the form was submitted. */
export function issueOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, submitted: boolean, field: string, t: (k: MessageKey) => string) {
  if (!submitted || result.success) return undefined;
  const issue = result.error?.issues.find((i) => i.path[0] === field);
  return issue ? t(issue.message as MessageKey) : undefined;
}

/** One choice among `options` as radio buttons (`label(option)` in words); test ids `${testPrefix}-${option}`. */
export function RadioChoice<O extends string>({ name, options, value, onChange, label, testPrefix }: { name: string; options: readonly O[]; value: string; onChange: (o: O) => void; label: (o: O) => string; testPrefix: string }) {
  return (
    <div className="flex flex-wrap gap-4 text-sm">
      {options.map((o) => (
        <label key={o} className="flex items-center gap-1.5">
          <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} data-testid={`${testPrefix}-${o}`} />
          {label(o)}
        </label>
      ))}
    </div>
  );
}
