// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice TEST ONLY. An ERC-20 that takes a fee on every transfer between accounts (not on mint or burn): the
/// sender is debited the full value, the recipient credited the value minus `feeBps` of it, and the fee goes to
/// `feeCollector`. Like real USDT's dormant fee switch, the fee can be turned on after a contract was deployed
/// with the token ({setFeeBps}); `decimals` is chosen at construction so one mock can stand for USDT or IFIL.
contract FeeOnTransferToken is ERC20 {
    uint256 public constant BPS = 10_000;
    address public constant feeCollector = address(0xFEE);

    uint8 private immutable _decimals;
    uint256 public feeBps;

    constructor(uint8 decimals_, uint256 feeBps_) ERC20("Fee Token", "FEE") {
        _decimals = decimals_;
        feeBps = feeBps_;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFeeBps(uint256 newFeeBps) external {
        feeBps = newFeeBps;
    }

    /// @notice What a transfer of `value` delivers to its recipient now.
    function received(uint256 value) public view returns (uint256) {
        return value - value * feeBps / BPS;
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 fee = from == address(0) || to == address(0) ? 0 : value * feeBps / BPS;
        if (fee != 0) super._update(from, feeCollector, fee);
        super._update(from, to, value - fee);
    }
}
