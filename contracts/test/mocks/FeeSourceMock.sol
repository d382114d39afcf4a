// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {PlainToken} from "./PlainToken.sol";

/// @notice TEST ONLY. A fee source like the Marketplace's and LoanMarket's: fees accrue here and anyone's
/// `withdrawFees` sends them all to the treasury, or reverts when there are none.
contract FeeSourceMock {
    PlainToken public immutable usdt;
    address public immutable treasury;
    uint256 public accrued;

    error FeeSourceMockNoFees();

    constructor(PlainToken usdt_, address treasury_) {
        usdt = usdt_;
        treasury = treasury_;
    }

    function accrue(uint256 amount) external {
        usdt.mint(address(this), amount);
        accrued += amount;
    }

    function withdrawFees() external {
        uint256 amount = accrued;
        if (amount == 0) revert FeeSourceMockNoFees();
        accrued = 0;
        usdt.transfer(treasury, amount);
    }
}
