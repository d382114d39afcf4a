'use client';

/** The amount text field of a form: decimal keyboard, marked invalid (and described by its error) when refused. */
export function AmountInput({ value, onChange, errorId, invalid, testId, className = '' }: { value: string; onChange: (v: string) => void; errorId: string; invalid: boolean; testId: string; className?: string }) {
  return (
    <input
      className={`w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500 ${className}`}
      inputMode="decimal"
      placeholder="0.0"
      value={value}
      aria-invalid={invalid}
      aria-describedby={invalid ? errorId : undefined}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    />
  );
}
