/** The statuses YieldOracle.dayDetail gives each report (its ReportStatus enum, in order). */
export const REPORT_STATUSES = ['used', 'outlier', 'revoked'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export type OracleReport = { reporter: `0x${string}`; value: bigint; status: ReportStatus };

export type OracleDay = {
  day: bigint;
  /** The day's market average (YieldOracle.averageOf); 0n when it has no value. */
  value: bigint;
  reports: OracleReport[];
  /** Reports that count toward the quorum: every report of a reporter still holding the role (outliers too). */
  counting: number;
  /** Lowest and highest report that entered the value, and their spread in basis points of the value. */
  low: bigint | null;
  high: bigint | null;
  spreadBps: bigint | null;
};

/** One day of the oracle as the page shows it, from YieldOracle.dayDetail's arrays. */
export function summarizeDay(day: bigint, reporters: readonly `0x${string}`[], values: readonly bigint[], statuses: readonly number[], value: bigint): OracleDay {
  const reports = reporters.map((reporter, i) => ({ reporter, value: values[i]!, status: REPORT_STATUSES[statuses[i]!] ?? 'revoked' }));
  const used = reports.filter((r) => r.status === 'used').map((r) => r.value);
  const low = value === 0n || used.length === 0 ? null : used.reduce((a, b) => (b < a ? b : a));
  const high = value === 0n || used.length === 0 ? null : used.reduce((a, b) => (b > a ? b : a));
  return {
    day,
    value,
    reports,
    counting: reports.filter((r) => r.status !== 'revoked').length,
    low,
    high,
    spreadBps: low === null || high === null ? null : ((high - low) * 10_000n) / value,
  };
}
