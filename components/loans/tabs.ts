/** The /loans tabs, in order (a plain module: the server page validates `?tab=` with it). */
export const LOAN_TABS = ['offers', 'requests', 'mine', 'new-offer', 'new-request'] as const;
export type LoanTab = (typeof LOAN_TABS)[number];
