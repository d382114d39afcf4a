'use client';

import { useQuery } from '@tanstack/react-query';
import { parseEventLogs, type Address, type ContractFunctionArgs, type ContractFunctionName, type TransactionReceipt } from 'viem';
import { useConfig } from 'wagmi';
import { getReadClient } from '../chain/readClient';
import { appChain } from '../chain/chains';
import { getDeployment, IFIL_DECIMALS } from '../chain/contracts';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { loanMarketAbi } from '../../contracts-abi/LoanMarket.gen';
import { formatAmount, formatUsd } from '../format/amount';
import { useI18n } from '../i18n/client';
import { fetchLoanPositions } from '../index/client';
import { queryKeys } from '../queryKeys';
import { useTransaction } from '../tx/useTransaction';
import type { OfferParams, RequestParams } from './forms';
import { bestOffersFor, readLoanBook, readMyLoans, readPledge, type Reader } from './read';
import { amountDueAt, termsOf, type LoanPosition } from './terms';

const chainId = appChain.id;
const IFIL = { symbol: 'IFIL', decimals: IFIL_DECIMALS } as const;
/** Repaying approves what is due an hour from now: the amount grows every second until the repay lands. */
const REPAY_MARGIN = 3_600n;

/** Live values from the chain; the positions (offers, requests, loans) from the index. */
function useReader(): Reader {
  const config = useConfig();
  const client = getReadClient(config);
  return { readContract: client.readContract, getBlock: client.getBlock, positions: () => fetchLoanPositions() } as Reader;
}

/** The offer book (best first) and open requests, with products, fee, grace period and chain time. */
export function useLoanBook() {
  const client = useReader();
  return useQuery({ queryKey: queryKeys.loanBook(chainId), refetchInterval: 15_000, queryFn: () => readLoanBook(client) });
}

/** The account's loans (borrower and lender), open offers and requests, amounts due, pledged yield and credit. */
export function useMyLoans(account: Address | undefined) {
  const client = useReader();
  return useQuery({
    queryKey: queryKeys.myLoans(chainId, account ?? '0x0000000000000000000000000000000000000000'),
    enabled: Boolean(account),
    refetchInterval: 15_000,
    queryFn: () => readMyLoans(client, account!),
  });
}

/** The open offers an NFT meets now, best first; the account's own offers left out. */
export function useBestOffers(tokenId: bigint, account: Address | undefined, enabled = true) {
  const client = useReader();
  return useQuery({
    queryKey: queryKeys.bestOffers(chainId, tokenId, account ?? '0x0000000000000000000000000000000000000000'),
    enabled: enabled && Boolean(account),
    refetchInterval: 15_000,
    queryFn: () => bestOffersFor(client, tokenId, account),
  });
}

/** The open request or active loan an NFT is pledged in (null when it is not pledged). */
export function usePledge(tokenId: bigint, enabled = true) {
  const client = useReader();
  return useQuery({ queryKey: queryKeys.pledge(chainId, tokenId), enabled, refetchInterval: 15_000, queryFn: () => readPledge(client, tokenId) });
}

/**
 * Every loan-market write, each preceded by the approval it needs (USDT, IFIL or the NFT, only when the current
 * allowance falls short), through the one transaction helper. Each resolves to the receipt of the last step, or
 * null when a step failed (the state says why, in words).
 */
export function useLoanActions(account: Address | undefined) {
  const { t, tag } = useI18n();
  const client = useReader();
  const tx = useTransaction();
  const d = getDeployment();
  const usd = (v: bigint) => formatUsd(v, tag);
  const ifil = (v: bigint) => formatAmount(v, IFIL_DECIMALS, { locale: tag, maxFractionDigits: 18 });
  const me = account!;
  const loanKeys = () => [queryKeys.loansAll(chainId), queryKeys.paymentAll(chainId, me), queryKeys.yieldTokenAll(chainId, me)];
  const nftKeys = (tokenId: bigint) => [queryKeys.owned(chainId, me), queryKeys.token(chainId, tokenId), queryKeys.yieldAll(chainId)];

  /** Approves the loan market for `amount` of USDT or IFIL unless the allowance already covers it. */
  async function approveToken(which: 'USDT' | 'IFIL', amount: bigint): Promise<boolean> {
    return tx.ensureAllowance({
      token: which === 'USDT' ? d.PaymentToken : d.IFIL,
      owner: me,
      spender: d.LoanMarket,
      amount,
      label: which === 'USDT' ? t('loans.step.approveUsdt', { amount: usd(amount) }) : t('loans.step.approveIfil', { amount: ifil(amount) }),
      errorToken: which === 'USDT' ? undefined : IFIL,
      invalidate: [which === 'USDT' ? queryKeys.paymentAll(chainId, me) : queryKeys.yieldTokenAll(chainId, me)],
    });
  }
  const approveUsdt = (amount: bigint) => approveToken('USDT', amount);

  async function approveNft(tokenId: bigint): Promise<boolean> {
    const [approved, forAll] = await Promise.all([
      client.readContract({ address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'getApproved', args: [tokenId] }),
      client.readContract({ address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'isApprovedForAll', args: [me, d.LoanMarket] }),
    ]);
    if (forAll || approved.toLowerCase() === d.LoanMarket.toLowerCase()) return true;
    const r = await tx.run({
      address: d.HashrateNFT,
      abi: hashrateNftAbi,
      functionName: 'approve',
      args: [d.LoanMarket, tokenId],
      account: me,
      label: t('loans.step.approveNft', { id: tokenId.toString() }),
      invalidate: [queryKeys.token(chainId, tokenId)],
    });
    return r !== null;
  }

  const approveCollateral = (kind: 'Nft' | 'Ifil', collateral: bigint) => (kind === 'Nft' ? approveNft(collateral) : approveToken('IFIL', collateral));
  type LoanWrite = ContractFunctionName<typeof loanMarketAbi, 'nonpayable' | 'payable'>;
  const send = <fn extends LoanWrite>(functionName: fn, args: ContractFunctionArgs<typeof loanMarketAbi, 'nonpayable' | 'payable', fn>, label: string, extra: readonly (readonly unknown[])[] = [], token?: { symbol: string; decimals: number }) =>
    tx.run({ address: d.LoanMarket, abi: loanMarketAbi, functionName, args, account: me, label, token, invalidate: [...loanKeys(), ...extra] });

  return {
    tx,
    /** Escrows the principal and posts the offer; resolves to the new position id (null on failure). */
    async postOffer(p: OfferParams): Promise<bigint | null> {
      if (!(await approveUsdt(p.principal))) return null;
      const r = await send('postOffer', [p], t('loans.step.postOffer', { amount: usd(p.principal) }));
      return r ? (parseEventLogs({ abi: loanMarketAbi, logs: r.logs, eventName: 'OfferPosted' })[0]?.args.id ?? null) : null;
    },
    /** Pledges the collateral and posts the request; resolves to the new position id (null on failure). */
    async postRequest(p: RequestParams): Promise<bigint | null> {
      const kind = p.kind === 1 ? 'Nft' : 'Ifil';
      if (!(await approveCollateral(kind, p.collateral))) return null;
      const r = await send('postRequest', [p.principal, p.aprBps, p.duration, p.kind, p.collateral], t('loans.step.postRequest', { amount: usd(p.principal) }), kind === 'Nft' ? nftKeys(p.collateral) : [], kind === 'Ifil' ? IFIL : undefined);
      return r ? (parseEventLogs({ abi: loanMarketAbi, logs: r.logs, eventName: 'RequestPosted' })[0]?.args.id ?? null) : null;
    },
    /** Takes an offer with NFT `tokenId` (NFT offers) or the offer's IFIL amount, on the terms shown. */
    async acceptOffer(offer: LoanPosition, tokenId: bigint | null): Promise<TransactionReceipt | null> {
      const collateral = offer.kind === 'Nft' ? tokenId! : offer.collateral;
      if (!(await approveCollateral(offer.kind, collateral))) return null;
      return send(
        'acceptOffer',
        [offer.id, offer.kind === 'Nft' ? collateral : 0n, termsOf(offer)],
        t('loans.step.accept', { id: offer.id.toString(), amount: usd(offer.principal) }),
        offer.kind === 'Nft' ? nftKeys(collateral) : [],
        offer.kind === 'Ifil' ? IFIL : undefined,
      );
    },
    /** Lends the request's principal to its borrower, on the terms shown. */
    async fundRequest(request: LoanPosition): Promise<TransactionReceipt | null> {
      if (!(await approveUsdt(request.principal))) return null;
      return send('fundRequest', [request.id, termsOf(request)], t('loans.step.fund', { id: request.id.toString(), amount: usd(request.principal) }));
    },
    cancel: (p: LoanPosition) => send('cancel', [p.id], t('loans.step.cancel', { id: p.id.toString() }), p.kind === 'Nft' && p.state === 'Request' ? nftKeys(p.collateral) : []),
    /** Approves what is due an hour from now, then repays: principal + interest to the lender, the collateral back. */
    async repay(loan: LoanPosition): Promise<TransactionReceipt | null> {
      const now = (await client.getBlock()).timestamp;
      if (!(await approveUsdt(amountDueAt(loan, now + REPAY_MARGIN).total))) return null;
      return send('repay', [loan.id], t('loans.step.repay', { id: loan.id.toString() }), loan.kind === 'Nft' ? nftKeys(loan.collateral) : []);
    },
    foreclose: (loan: LoanPosition) =>
      send('foreclose', [loan.id], t('loans.step.foreclose', { id: loan.id.toString() }), loan.kind === 'Nft' ? nftKeys(loan.collateral) : []),
    claimYield: (loan: LoanPosition) =>
      send('claimYield', [[loan.id]], t('loans.step.claimYield', { id: loan.collateral.toString() }), [queryKeys.yieldAll(chainId)], IFIL),
    withdrawCredit: (amount: bigint) => send('withdrawCredit', [], t('loans.step.withdrawCredit', { amount: usd(amount) })),
  };
}
