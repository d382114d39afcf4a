'use client';

import { useEffect } from 'react';
import { captureReferral } from '@/lib/nodes/referral';

/** Keeps a promotion node's `?ref=` link for this browser, on whichever page the visitor lands. */
export function ReferralCapture() {
  useEffect(() => {
    captureReferral(window.location.search);
  }, []);
  return null;
}
