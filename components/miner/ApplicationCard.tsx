'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { parseEventLogs, type Address } from 'viem';
import { useConfig } from 'wagmi';
import { readContract, readContracts } from 'wagmi/actions';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { dmexGovernorAbi } from '@/contracts-abi/DMEXGovernor.gen';
import { hashrateNftAbi } from '@/contracts-abi/HashrateNFT.gen';
import { marketplaceAbi } from '@/contracts-abi/Marketplace.gen';
import { minerRegistryAbi } from '@/contracts-abi/MinerRegistry.gen';
import { formatAmount, formatUsd, parseAmount } from '@/lib/format/amount';
import { coinFromIndex, formatHashrate } from '@/lib/format/hashrate';
import { getTemplate, proposalDescription } from '@/lib/governance/templates';
import { governanceAddresses } from '@/lib/governance/useGovernanceAddresses';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';
import { tokenIdOf } from '@/lib/nft/metadata';

/** MinerRegistry.Status, in enum order. */
export const APPLICATION_STATUSES = ['Pending', 'Approved', 'Rejected', 'Active', 'Slashed', 'Withdrawn', 'Completed', 'Defaulted', 'Flagged'] as const;

export type ApplicationView = {
  id: bigint;
  miner: Address;
  status: number;
  name: string;
  nodeId: string;
  coin: number;
  hashratePerNFT: bigint;
  nftCount: number;
  termDays: number;
  pricePerNFT: bigint;
  requiredStake: bigint;
  productId: bigint;
};

export function ApplicationCard({ app, account }: { app: ApplicationView; account: Address }) {
  const { t, tag } = useI18n();
  const router = useRouter();
  const config = useConfig();
  const tx = useTransaction();
  const [price, setPrice] = useState(formatAmount(app.pricePerNFT, 6, { maxFractionDigits: 6 }));
  const status = APPLICATION_STATUSES[app.status] ?? 'Pending';
  const coin = coinFromIndex(app.coin);
  const d = getDeployment();
  const invalidate = [queryKeys.applicationsAll(appChain.id), queryKeys.listingsAll, queryKeys.governanceAll(appChain.id), queryKeys.owned(appChain.id, account)];

  async function openVote() {
    const tpl = getTemplate('approve-application')!;
    const actions = tpl.build({ applicationId: Number(app.id) }, governanceAddresses());
    const description = proposalDescription(`${t('gov.tpl.approve.title')} #${app.id}: ${app.name}`, t('miner.voteBody', { name: app.name, node: app.nodeId, count: app.nftCount, hashrate: formatHashrate(app.hashratePerNFT, coin, tag), days: app.termDays, price: formatUsd(app.pricePerNFT, tag) }));
    const receipt = await tx.run({ address: d.Governor, abi: dmexGovernorAbi, functionName: 'propose', args: [actions.targets, actions.values, actions.calldatas, description], account, label: t('miner.openVote'), invalidate });
    const created = receipt && parseEventLogs({ abi: dmexGovernorAbi, logs: receipt.logs, eventName: 'ProposalCreated' })[0];
    if (created) router.push(`/governance/proposals/${created.args.proposalId}`);
  }

  async function stake() {
    if (!(await tx.ensureAllowance({ token: d.DMC, owner: account, spender: d.MinerRegistry, amount: app.requiredStake, label: t('miner.stepApproveStake'), errorToken: { symbol: 'DMC', decimals: 18 } }))) return;
    await tx.run({ address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'stakeAndActivate', args: [app.id], account, label: t('miner.stepStake'), invalidate });
  }

  /** Of `ids`, those the miner still holds never sold and has not listed: one multicall, at most a batch. */
  async function listableIds(ids: bigint[]): Promise<bigint[]> {
    const calls = ids.flatMap((id) => [
      { address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'saleState', args: [id] } as const,
      { address: d.Marketplace, abi: marketplaceAbi, functionName: 'listing', args: [id] } as const,
    ]);
    const results = await readContracts(config, { contracts: calls, allowFailure: false });
    const out: bigint[] = [];
    ids.forEach((id, i) => {
      const [owner, sold] = results[2 * i] as readonly [Address, boolean, bigint];
      const listing = results[2 * i + 1] as { seller: Address };
      if (!sold && owner.toLowerCase() === account.toLowerCase() && listing.seller.toLowerCase() !== account.toLowerCase()) out.push(id);
    });
    return out.slice(0, 500); // the marketplace's MAX_BATCH
  }

  async function mintAndList() {
    const priceUnits = parseAmount(price, 6);
    if (!priceUnits) return tx.fail({ key: 'errors.MarketplaceInvalidPrice' });
    const product = await readContract(config, { address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'product', args: [app.productId] });
    const remaining = product.nftCount - product.minted;
    const quantity = Math.min(remaining, 100);
    let first = tokenIdOf(app.productId, BigInt(product.minted) + 1n);
    if (quantity > 0) {
      const ok = await tx.run({ address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'mint', args: [app.id, BigInt(quantity)], account, label: t('miner.stepMint', { count: quantity }), invalidate });
      if (!ok) return;
    } else {
      first = tokenIdOf(app.productId, 1n);
    }
    let ids = Array.from({ length: quantity || product.nftCount }, (_, i) => first + BigInt(i));
    if (quantity === 0) {
      // Fully minted: list only the NFTs still held unsold and not yet listed (the sold ones are not the miner's).
      ids = await listableIds(ids);
      if (ids.length === 0) return tx.fail({ key: 'miner.nothingToList' });
    }
    const approved = await readContract(config, { address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'isApprovedForAll', args: [account, d.Marketplace] });
    if (!approved) {
      const ok = await tx.run({ address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'setApprovalForAll', args: [d.Marketplace, true], account, label: t('miner.stepApproveMarket') });
      if (!ok) return;
    }
    await tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'listBatch', args: [ids, priceUnits], account, label: t('miner.stepList', { count: ids.length }), invalidate });
  }

  /** Mint on purchase: the whole product not yet minted goes on sale in one transaction (MinerRegistry.listForSale). */
  async function listUnminted() {
    const priceUnits = parseAmount(price, 6);
    if (!priceUnits) return tx.fail({ key: 'errors.MarketplaceInvalidPrice' });
    await tx.run({ address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'listForSale', args: [app.id, priceUnits], account, label: t('miner.stepListUnminted'), invalidate });
  }

  return (
    <li className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" data-testid={`application-${app.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-semibold">#{app.id.toString()} {app.name}</p>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs" data-testid="application-status">{t(`miner.status.${status}`)}</span>
      </div>
      <p className="text-sm text-slate-600">
        <span className="font-mono">{app.nodeId}</span> · {app.nftCount} × {formatHashrate(app.hashratePerNFT, coin, tag)} · {t('common.days', { count: app.termDays })} · {formatUsd(app.pricePerNFT, tag)} USDT
      </p>
      {status === 'Pending' ? (
        <Button data-testid="open-vote" disabled={tx.busy} onClick={openVote}>{t('miner.openVote')}</Button>
      ) : status === 'Approved' ? (
        <Button data-testid="stake-button" disabled={tx.busy} onClick={stake}>{t('miner.stake', { amount: formatAmount(app.requiredStake, 18, { locale: tag, maxFractionDigits: 0 }) })}</Button>
      ) : status === 'Active' ? (
        <div className="flex flex-wrap items-end gap-2">
          <label className="text-xs font-medium text-slate-600">
            {t('miner.listPrice')}
            <input className="mt-1 block w-32 rounded-md border border-slate-300 px-2 py-1.5 text-sm" value={price} onChange={(e) => setPrice(e.target.value)} />
          </label>
          <Button data-testid="mint-list-button" disabled={tx.busy} onClick={mintAndList}>{t('miner.mintAndList')}</Button>
          <Button data-testid="list-unminted-button" variant="secondary" disabled={tx.busy} onClick={listUnminted}>{t('miner.listUnminted')}</Button>
          <p className="w-full text-xs text-slate-500">{t('miner.listUnmintedHint')}</p>
        </div>
      ) : null}
      <TxStatus state={tx.state} />
    </li>
  );
}
