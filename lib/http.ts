import { NextResponse } from 'next/server';

/** A JSON error body `{ error }` with the given status. */
export function jsonError(status: number, error: string, headers?: HeadersInit) {
  return NextResponse.json({ error }, { status, headers });
}

/** True when a chain read failed because the node could not be reached (not because of a revert). */
export function isUnreachable(error: unknown): boolean {
  const text = String((error as { details?: string })?.details ?? '') + String((error as Error)?.message ?? '');
  return /fetch failed|ECONNREFUSED|HTTP request failed|timed out/i.test(text);
}
