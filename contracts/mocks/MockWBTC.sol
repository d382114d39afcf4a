// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockWBTC
/// @notice LOCAL CHAIN ONLY. A stand-in for wrapped BTC (8 decimals), the yield token of BTC products, with an
/// open faucet. The deploy script must refuse to deploy it on any chain but the local one (31337).
contract MockWBTC is ERC20 {
    /// @notice What one {faucet} call gives: 1 WBTC.
    uint256 public constant FAUCET_AMOUNT = 1e8;

    event FaucetUsed(address indexed to, uint256 amount);

    constructor() ERC20("Wrapped BTC (local mock)", "WBTC") {}

    function decimals() public pure override returns (uint8) {
        return 8;
    }

    /// @notice Gives the caller {FAUCET_AMOUNT}. Emits {FaucetUsed}.
    function faucet() external {
        _mint(msg.sender, FAUCET_AMOUNT);
        emit FaucetUsed(msg.sender, FAUCET_AMOUNT);
    }

    /// @notice Mints any amount to anyone (seeding and tests).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
