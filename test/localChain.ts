// A real anvil per test file: deployed like the demo, with evm_snapshot / evm_revert around each test.
import { createPublicClient, createTestClient, createWalletClient, http, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { startAnvil, type Anvil } from '../scripts/lib/anvil';
import { deployAll, localDeployOptions } from '../scripts/lib/deploy';
import type { Deployment } from '../scripts/lib/deployment';
import { seed } from '../scripts/lib/seed';

export type TestChain = Awaited<ReturnType<typeof startTestChain>>;

export async function startTestChain(port: number, opts: { seed: boolean }) {
  const anvil: Anvil = await startAnvil({ port });
  const transport = http(anvil.rpcUrl);
  const publicClient = createPublicClient({ chain: foundry, transport });
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
  return {
    anvil,
    deployment,
    publicClient,
    walletClient,
    testClient,
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
