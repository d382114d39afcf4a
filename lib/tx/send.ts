import type { Abi, Address, Hash, TransactionReceipt } from 'viem';
import type { Config } from 'wagmi';
import { getPublicClient, simulateContract, writeContract } from 'wagmi/actions';
import { errorsAbi } from '../chain/errorsAbi';
import { withGasHeadroom } from './gas';

/** A write as useTransaction sends it (its call sites are typed by TxRequest there). */
export type Write = { address: Address; abi: Abi; functionName: string; args: readonly unknown[]; value?: bigint; account: Address };

/**
 * Sends a write: simulates it (with every contract's errors in the ABI, so any revert decodes), estimates its gas with
 * headroom, and asks the wallet to send it. Resolves to its hash and a wait for its receipt. Loaded with the first
 * transaction, not with the page: viem's write and signature code and every contract's errors stay off the first load.
 */
export async function sendWrite(config: Config, req: Write): Promise<{ hash: Hash; receipt: () => Promise<TransactionReceipt> }> {
  // The ABI is widened with the errors ABI, which viem's generics cannot follow, hence the casts.
  const { request } = await simulateContract(config, {
    address: req.address,
    abi: [...req.abi, ...errorsAbi],
    functionName: req.functionName,
    args: req.args,
    account: req.account,
    ...(req.value ? { value: req.value } : {}),
  } as never);
  const client = getPublicClient(config)!;
  const estimate = await client.estimateContractGas({ ...(request as object), account: req.account } as never);
  const hash: Hash = await writeContract(config, { ...(request as object), gas: withGasHeadroom(estimate) } as never);
  // viem's wait, not wagmi's: on a revert wagmi replays the call to find a reason, which can take long.
  return { hash, receipt: () => client.waitForTransactionReceipt({ hash }) };
}
