// The real Uniswap V2, deployed from its published npm build artifacts (@uniswap/v2-core 1.0.1,
// @uniswap/v2-periphery 1.1.0-beta.0): not a copy and not a mock. The router computes pair addresses from the
// pair's init code hash (0x96e8ac42…); the npm pair bytecode hashes to exactly that, which `uniswapArtifact`
// checks, so a router deployed here finds the pairs the factory creates.
import { createRequire } from 'node:module';
import { keccak256, type Abi, type Hex } from 'viem';

const require = createRequire(import.meta.url);

export const UNISWAP_ARTIFACTS = {
  UniswapV2Factory: '@uniswap/v2-core/build/UniswapV2Factory.json',
  UniswapV2Pair: '@uniswap/v2-core/build/UniswapV2Pair.json',
  UniswapV2Router02: '@uniswap/v2-periphery/build/UniswapV2Router02.json',
  WETH9: '@uniswap/v2-periphery/build/WETH9.json',
} as const;
export type UniswapContract = keyof typeof UNISWAP_ARTIFACTS;

/** The pair init code hash the published UniswapV2Router02 (through UniswapV2Library.pairFor) is built with. */
export const PAIR_INIT_CODE_HASH = '0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f';

export function uniswapArtifact(name: UniswapContract): { abi: Abi; bytecode: Hex } {
  const json = require(UNISWAP_ARTIFACTS[name]) as { abi: Abi; bytecode: string };
  const bytecode = (json.bytecode.startsWith('0x') ? json.bytecode : `0x${json.bytecode}`) as Hex;
  if (name === 'UniswapV2Pair' && keccak256(bytecode) !== PAIR_INIT_CODE_HASH) {
    throw new Error('the @uniswap/v2-core pair bytecode does not match the router init code hash');
  }
  return { abi: json.abi, bytecode };
}
