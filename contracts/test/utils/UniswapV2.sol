// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "./Vm.sol";

interface IUniswapV2FactoryT {
    function createPair(address tokenA, address tokenB) external returns (address pair);
}

interface IUniswapV2PairT {
    function token0() external view returns (address);
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function mint(address to) external returns (uint256 liquidity);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
    function sync() external;
}

/// @notice The real Uniswap V2 factory, deployed from @uniswap/v2-core 1.0.1's npm build artifact (as the
/// deployment script does), and the swap arithmetic of its library.
abstract contract UniswapV2 is TestBase {
    function _deployUniswapFactory(address feeToSetter) internal returns (IUniswapV2FactoryT factory) {
        string memory json = vm.readFile("../node_modules/@uniswap/v2-core/build/UniswapV2Factory.json");
        string memory hexCode = vm.parseJsonString(json, ".bytecode");
        if (bytes(hexCode).length < 2 || bytes(hexCode)[1] != "x") hexCode = string.concat("0x", hexCode);
        bytes memory code = abi.encodePacked(vm.parseBytes(hexCode), abi.encode(feeToSetter));
        address deployed;
        assembly {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        require(deployed != address(0), "UniswapV2Factory deployment failed");
        factory = IUniswapV2FactoryT(deployed);
    }

    /// @dev UniswapV2Library.getAmountOut (0.3% fee).
    function _getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) internal pure returns (uint256) {
        uint256 inWithFee = amountIn * 997;
        return inWithFee * reserveOut / (reserveIn * 1000 + inWithFee);
    }
}
