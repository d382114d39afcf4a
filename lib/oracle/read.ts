import { getDeployment } from '../chain/contracts';
import { yieldOracleAbi } from '../../contracts-abi/YieldOracle.gen';
import type { Reader } from '../escrow/read';
import { readToday } from '../escrow/read';
import { summarizeDay, type OracleDay } from './summary';

/** How many days the oracle section shows, today included. */
export const ORACLE_DAYS = 14;

export type OracleOverview = {
  coin: number;
  today: bigint;
  /** Reports a day needs to have a value (YieldOracle.MIN_REPORTS). */
  minReports: bigint;
  /** Reports further than this from the median are ignored (basis points of the median: 20,000 = 2x). */
  outlierBoundBps: bigint;
  /** Newest first. */
  days: OracleDay[];
};

/** The market average of `coin` over the last {@link ORACLE_DAYS} UTC days, with every report and how it stands. */
export async function readOracle(client: Reader, coin: number): Promise<OracleOverview> {
  const address = getDeployment().YieldOracle;
  const [{ today }, minReports, outlierBoundBps] = await Promise.all([
    readToday(client),
    client.readContract({ address, abi: yieldOracleAbi, functionName: 'MIN_REPORTS' }),
    client.readContract({ address, abi: yieldOracleAbi, functionName: 'outlierBoundBps' }),
  ]);
  const dayNumbers = Array.from({ length: ORACLE_DAYS }, (_, i) => today - BigInt(i));
  const days = await Promise.all(
    dayNumbers.map(async (day) => {
      const [reporters, values, statuses, value] = await client.readContract({ address, abi: yieldOracleAbi, functionName: 'dayDetail', args: [coin, day] });
      return summarizeDay(day, reporters, values, statuses, value);
    }),
  );
  return { coin, today, minReports, outlierBoundBps, days };
}
