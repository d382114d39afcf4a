// The README's table of privileged roles is the truth about who can do what: this test reads it and checks it
// against a deployed (and seeded) local chain, in both directions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFunctionData, getAddress, keccak256, parseAbiItem, stringToHex, zeroAddress, type Address, type Hex } from 'viem';
import { councilAbi, councilGateAbi, jointPoolAbi, jointPoolFactoryAbi, minerRegistryAbi, poolGuardAbi } from '@/contracts-abi';
import { devAccounts } from '@/lib/chain/devAccounts';
import { startTestChain, type TestChain } from '@/test/localChain';

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain(8556, { seed: true });
});
afterAll(async () => chain?.anvil.stop());

type Row = { contract: string; role: string; holder: string };

/** The rows of the README's "Who holds which power" table. */
function readmeRows(): Row[] {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const section = readme.split('### Who holds which power')[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Contract') && !line.startsWith('|---'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map((cells) => ({ contract: cells[1]!, role: cells[2]!, holder: cells[3]! }));
}

const roleHash = (role: string): Hex => (role === 'DEFAULT_ADMIN_ROLE' ? `0x${'0'.repeat(64)}` : keccak256(stringToHex(role)));

describe('the README’s table of privileged roles', () => {
  it('matches the deployed chain exactly: no role held that the table does not name, no row that does not hold', async () => {
    const c = chain.deployment.contracts as Record<string, Address>;
    const byName: Record<string, Address> = { ...c, TimelockController: c.Timelock! };
    const holderAddress = (holder: string): Address => {
      if (holder === 'anyone (address 0)') return zeroAddress;
      const contract = /^\*(\w+)\*$/.exec(holder)?.[1];
      if (contract) return getAddress(byName[contract] ?? `unknown contract ${contract}`);
      const account = (devAccounts as Record<string, Address>)[holder];
      if (!account) throw new Error(`the table names an unknown holder: ${holder}`);
      return getAddress(account);
    };
    const rows = readmeRows();
    expect(rows.length).toBeGreaterThan(25);
    const roleRows = rows.filter((r) => r.role.endsWith('_ROLE'));

    // What the table says, as contract address → role hash → holder.
    const expected = new Set(roleRows.map((r) => `${getAddress(byName[r.contract]!)}:${roleHash(r.role)}:${holderAddress(r.holder)}`));

    // What the chain says: every RoleGranted / RoleRevoked of any deployed contract since the deployment, replayed.
    type RoleLog = { address: Address; blockNumber: bigint; logIndex: number; args: { role: Hex; account: Address } };
    const [granted, revoked] = (await Promise.all(
      ['event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)', 'event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)'].map((sig) =>
        chain.publicClient.getLogs({ address: Object.values(c), event: parseAbiItem(sig) as never, fromBlock: BigInt(chain.deployment.startBlock) }),
      ),
    )) as unknown as [RoleLog[], RoleLog[]];
    const events = [...granted!.map((l) => ({ l, on: true })), ...revoked!.map((l) => ({ l, on: false }))].sort(
      (a, b) => Number(a.l.blockNumber - b.l.blockNumber) || a.l.logIndex - b.l.logIndex,
    );
    const held = new Set<string>();
    for (const { l, on } of events) {
      const { role, account } = l.args;
      const key = `${getAddress(l.address)}:${role}:${getAddress(account)}`;
      if (on) held.add(key);
      else held.delete(key);
    }
    expect([...held].sort()).toEqual([...expected].sort());
    // The only accounts (not contracts) holding any role are the three oracle reporters, and the deployer holds none.
    for (const key of held) {
      const account = key.split(':')[2] as Address;
      const code = await chain.publicClient.getCode({ address: account });
      if (!code || code === '0x') expect([devAccounts.reporter1, devAccounts.reporter2, devAccounts.reporter3, zeroAddress].map((a) => getAddress(a))).toContain(account);
    }
    expect([...held].some((k) => k.endsWith(getAddress(devAccounts.deployer)))).toBe(false);

    // The powers that are not roles: who governs the registry and the council, who slashes, who halts a joint pool, who locks its dToken.
    const other = rows.filter((r) => !r.role.endsWith('_ROLE'));
    expect(other.map((r) => `${r.contract}.${r.role}`).sort()).toEqual(['Council.governance', 'JointPool.guard', 'JointPool.locker', 'MinerRegistry.governance', 'MinerRegistry.slasher']);
    const reads: Record<string, () => Promise<Address>> = {
      'MinerRegistry.governance': () => chain.read<Address>(c.MinerRegistry!, minerRegistryAbi, 'governance'),
      'MinerRegistry.slasher': () => chain.read<Address>(c.MinerRegistry!, minerRegistryAbi, 'slasher'),
      'Council.governance': () => chain.read<Address>(c.Council!, councilAbi, 'governance'),
      // the seeded pool (miner A's), as every pool: the factory passes its guard to each
      'JointPool.guard': async () => chain.read<Address>(await chain.read<Address>(c.JointPoolFactory!, jointPoolFactoryAbi, 'poolOf', [devAccounts.minerA]), jointPoolAbi, 'guard'),
      // every pool asks its factory who may lock its dToken
      'JointPool.locker': () => chain.read<Address>(c.JointPoolFactory!, jointPoolFactoryAbi, 'locker'),
    };
    for (const r of other) expect(getAddress(await reads[`${r.contract}.${r.role}`]!()), `${r.contract}.${r.role}`).toBe(holderAddress(r.holder));
  });

  it('the deployed council gate refuses the fund’s DMC at the pool guard, as at the fund', async () => {
    const c = chain.deployment.contracts;
    expect(await chain.read<Address>(c.CouncilGate, councilGateAbi, 'poolGuard')).toBe(c.PoolGuard);
    const reason = (data: Hex) => chain.read<string>(c.CouncilGate, councilGateAbi, 'forbiddenReason', [c.PoolGuard, data]);
    expect(await reason(encodeFunctionData({ abi: poolGuardAbi, functionName: 'withdraw', args: [c.DMC, devAccounts.buyer, 1n] }))).toBe("the insurance fund's DMC needs a vote");
    expect(await reason(encodeFunctionData({ abi: poolGuardAbi, functionName: 'openPayout', args: [c.PoolGuard, c.DMC, 1n] }))).toBe("the insurance fund's DMC needs a vote");
    expect(await reason(encodeFunctionData({ abi: poolGuardAbi, functionName: 'withdraw', args: [c.PaymentToken, devAccounts.buyer, 1n] }))).toBe('');
  });
});
