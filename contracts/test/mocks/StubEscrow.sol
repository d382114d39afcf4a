// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRevenueEscrow} from "../../src/interfaces/IRevenueEscrow.sol";

/// @notice Stands in for the RevenueEscrow where a test has none (the yield tests): it books nothing and returns a
/// valid stream word (the amount and the credited bit), so the NFT's first-sale transfer works as on a market.
contract StubEscrow is IRevenueEscrow {
    function credit(uint256, uint256 amount) external pure returns (uint256) {
        return (amount & ((uint256(1) << 78) - 1)) | (uint256(1) << 93);
    }

    function payFees(address, uint256) external pure {}
}
