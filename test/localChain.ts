// A real anvil per test file: deployed like the demo, with evm_snapshot / evm_revert around each test.
import { withGasHeadroom } from '../lib/tx/gas';
import { createPublicClient, createTestClient, createWalletClient, http, type Address, type Hex, type TransactionReceipt } from 'viem';
import { foundry } from 'viem/chains';
import { startAnvil, type Anvil } from '../scripts/lib/anvil';
import { deployAll, localDeployOptions } from '../scripts/lib/deploy';
import type { Deployment } from '../scripts/lib/deployment';
import { seed } from '../scripts/lib/seed';
import { errorsAbi } from '../lib/chain/errorsAbi';

export type TestChain = Awaited<ReturnType<typeof startTestChain>>;

export async function startTestChain(port: number, opts: { seed: boolean }) {
  const anvil: Anvil = await startAnvil({ port });
  const transport = http(anvil.rpcUrl);
  // Anvil mines each transaction as it arrives: poll receipts every 50 ms, not viem's default 4 s.
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 });
  const walletClient = createWalletClient({ chain: foundry, transport });
  const testClient = createTestClient({ chain: foundry, transport, mode: 'anvil' });
  let deployment: Deployment;
  try {
    deployment = await deployAll(localDeployOptions(anvil.rpcUrl));
    if (opts.seed) await seed(anvil.rpcUrl, deployment, () => {});
  } catch (error) {
    await anvil.stop(); // do not leave a half-made chain holding the port
    throw error;
  }
  let snapshotId: Hex | null = null;
  /** Sends a contract call from an unlocked anvil account and waits for it; a revert fails the test. Gas gets the
   * app's headroom: an estimate holds only for the second it ran in (a DMC transfer writes a new vote checkpoint,
   * not an update of the last one, when the block lands a second later). */
  async function send(account: Address, address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = [], value?: bigint): Promise<TransactionReceipt> {
    const call = { account, address, abi: abi as never, functionName, args, ...(value ? { value } : {}) } as never;
    const gas = withGasHeadroom(await publicClient.estimateContractGas(call));
    const hash = await walletClient.writeContract({ ...(call as object), chain: foundry, gas } as never);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted in block ${receipt.blockNumber}`);
    return receipt;
  }
  const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
    publicClient.readContract({ address, abi: abi as never, functionName, args } as never) as Promise<T>;
  /** Simulates a call the way the app does (every DMEX error in the ABI) and returns the error it throws; fails
   * the test if it does not revert. */
  async function revertOf(account: Address, address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []): Promise<unknown> {
    try {
      await publicClient.simulateContract({ address, abi: [...(abi as never[]), ...errorsAbi], functionName, args, account } as never);
    } catch (error) {
      return error;
    }
    throw new Error(`${functionName} did not revert`);
  }
  return {
    anvil,
    deployment,
    publicClient,
    walletClient,
    testClient,
    send,
    read,
    revertOf,
    /** Call in beforeEach: a reverted snapshot id is consumed, so take a new one every time. */
    async snapshot() {
      snapshotId = await testClient.snapshot();
    },
    async revert() {
      if (snapshotId) await testClient.revert({ id: snapshotId });
      snapshotId = null;
    },
  };
}
