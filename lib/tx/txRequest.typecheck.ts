// Compile-time checks of TxRequest (run by `tsc --noEmit`, the typecheck layer of `npm test`): a write names a
// state-changing function of its ABI with that function's arguments, or the build fails. Not imported by the app.
import type { Abi } from 'viem';
import { marketplaceAbi } from '../../contracts-abi/Marketplace.gen';
import { mockUsdtAbi } from '../../contracts-abi/MockUSDT.gen';
import type { TxRequest, WriteName } from './useTransaction';

declare function run<const abi extends Abi, fn extends WriteName<abi>>(req: TxRequest<abi, fn>): void;
const address = '0x0000000000000000000000000000000000000001';

export function typecheckTxRequest() {
  run({ address, abi: marketplaceAbi, functionName: 'buy', args: [1n, 2n, 3n], account: address });
  run({ address, abi: mockUsdtAbi, functionName: 'faucet', args: [], account: address });
  // @ts-expect-error a function the ABI does not have
  run({ address, abi: marketplaceAbi, functionName: 'buyNow', args: [1n], account: address });
  // @ts-expect-error a view function is not a write
  run({ address, abi: marketplaceAbi, functionName: 'listing', args: [1n], account: address });
  // @ts-expect-error too few arguments
  run({ address, abi: marketplaceAbi, functionName: 'buy', args: [1n, 2n], account: address });
  // @ts-expect-error a number where the ABI takes a uint256 (bigint)
  run({ address, abi: marketplaceAbi, functionName: 'buy', args: [1, 2n, 3n], account: address });
  // @ts-expect-error arguments are required, even none
  run({ address, abi: mockUsdtAbi, functionName: 'faucet', account: address });
}
