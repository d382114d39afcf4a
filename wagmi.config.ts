// Generates typed `as const` ABIs into contracts-abi/ from the forge build, one file per contract.
// Run through `npm run abi` (scripts/generate-abi.ts), which also writes the deployments file and the barrel.
import path from 'node:path';
import { defineConfig } from '@wagmi/cli';
import { foundry, foundryDefaultExcludes } from '@wagmi/cli/plugins';

const outDir = process.env.ABI_OUT_DIR ?? 'contracts-abi';
const platform = `${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
const forgePath = path.resolve('node_modules', '@foundry-rs', `forge-${platform}`, 'bin', 'forge');

// Product contracts and the local-only stablecoin mock; nothing from OpenZeppelin or the tests.
export const abiContracts = ['HashrateNFT', 'Marketplace', 'MockUSDT', 'DMC', 'DMEXGovernor', 'Council', 'CouncilGate', 'MinerRegistry', 'TimelockController', 'IFIL', 'YieldOracle', 'YieldDistributor', 'MockWBTC', 'RevenueEscrow', 'DefaultGuard', 'InsuranceFund', 'LoanMarket', 'DMCMining', 'Revenue', 'JointPool', 'JointPoolFactory', 'PoolGuard', 'PromotionNodes'] as const;

export default abiContracts.map((name) =>
  defineConfig({
    out: `${outDir}/${name}.gen.ts`,
    plugins: [
      foundry({
        project: 'contracts',
        artifacts: 'out',
        include: [`${name}.json`],
        // OpenZeppelin's governance files reach solc under two source names (remapped and relative), so forge
        // writes a second, identical TimelockController artifact nested under governance/; take the top-level one.
        exclude: [...foundryDefaultExcludes, 'governance/**'],
        forge: { build: false, rebuild: false, path: forgePath },
      }),
    ],
  }),
);
