'use client';

import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { erc20Abi, type Abi, type Address, type ContractFunctionArgs, type ContractFunctionName, type Hash, type TransactionReceipt } from 'viem';
import { useConfig } from 'wagmi';
import { getReadClient } from '../chain/readClient';
import { useI18n } from '../i18n/client';
import type { ErrorDescription, ErrorToken } from './errors';

export type TxState =
  | { status: 'idle' }
  | { status: 'wallet'; label?: string }
  | { status: 'pending'; label?: string; hash: Hash }
  | { status: 'confirmed'; label?: string; hash: Hash }
  | { status: 'failed'; label?: string; error: ErrorDescription };

/** The functions of `abi` a transaction can call. */
export type WriteName<abi extends Abi> = ContractFunctionName<abi, 'nonpayable' | 'payable'>;

/**
 * A write, typed by its ABI as viem types `writeContract`: `functionName` must be a state-changing function of `abi`
 * and `args` its arguments (names, count and types checked at every call site).
 */
export type TxRequest<abi extends Abi = Abi, fn extends WriteName<abi> = WriteName<abi>> = {
  address: Address;
  abi: abi;
  functionName: fn;
  args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', fn>;
  /** The chain's coin sent with the call (payable functions, e.g. wrapping FIL into IFIL). */
  value?: bigint;
  account: Address;
  /** Shown while this transaction is in progress. */
  label?: string;
  /** Queries this transaction changes: invalidated once it is confirmed. */
  invalidate?: QueryKey[];
  /** The ERC-20 whose amounts a revert speaks of (ERC20InsufficientBalance…); USDT when omitted. */
  token?: ErrorToken;
};

/**
 * The one way the app sends a transaction: simulate first (so a revert is caught, decoded and shown before the
 * wallet is asked), send, wait for the receipt, then invalidate the affected queries. `run` resolves to the
 * receipt, or null when it failed (the state then holds the error in words).
 */
export function useTransaction() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { tag } = useI18n();
  const [state, setState] = useState<TxState>({ status: 'idle' });

  const run = useCallback(
    async <const abi extends Abi, fn extends WriteName<abi>>(req: TxRequest<abi, fn>): Promise<TransactionReceipt | null> => {
      const { label, invalidate = [] } = req;
      const from = req.account;
      try {
        setState({ status: 'wallet', label });
        // The send code (and every contract's errors) loads with the first transaction rather than with the page.
        const { sendWrite } = await import('./send');
        const sent = await sendWrite(config, {
          address: req.address,
          abi: req.abi,
          functionName: req.functionName,
          args: req.args as readonly unknown[],
          account: from,
          value: req.value,
        });
        setState({ status: 'pending', label, hash: sent.hash });
        const receipt = await sent.receipt();
        if (receipt.status !== 'success') {
          // Simulated fine, reverted when mined: the state changed in between. Said in the user's language.
          setState({ status: 'failed', label, error: { key: 'errors.revertedOnChain' } });
          return null;
        }
        await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
        setState({ status: 'confirmed', label, hash: sent.hash });
        return receipt;
      } catch (error) {
        const { describeError } = await import('./errors');
        setState({ status: 'failed', label, error: describeError(error, tag, undefined, req.token) });
        return null;
      }
    },
    [config, queryClient, tag],
  );

  /**
   * Approve-then-act, the first half: reads the owner's allowance for `spender` from the chain at this moment and,
   * when it is below `amount`, asks for an approval of exactly `amount` (never an unlimited one). Resolves to true
   * when the allowance covers `amount` (already, or once the approval is confirmed), false when it failed (the
   * state then says why).
   */
  const ensureAllowance = useCallback(
    async (a: { token: Address; owner: Address; spender: Address; amount: bigint; label: string; invalidate?: QueryKey[]; errorToken?: ErrorToken }): Promise<boolean> => {
      const allowance = await getReadClient(config).readContract({ address: a.token, abi: erc20Abi, functionName: 'allowance', args: [a.owner, a.spender] });
      if (allowance >= a.amount) return true;
      const receipt = await run({ address: a.token, abi: erc20Abi, functionName: 'approve', args: [a.spender, a.amount], account: a.owner, label: a.label, invalidate: a.invalidate, token: a.errorToken });
      return receipt !== null;
    },
    [config, run],
  );

  const reset = useCallback(() => setState({ status: 'idle' }), []);
  /** Reports a failure found before any transaction was sent (e.g. a balance the buyer can see is short). */
  const fail = useCallback((error: ErrorDescription, label?: string) => setState({ status: 'failed', label, error }), []);
  return { state, run, ensureAllowance, reset, fail, busy: state.status === 'wallet' || state.status === 'pending' };
}
