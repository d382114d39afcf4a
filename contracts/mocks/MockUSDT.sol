// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockUSDT
/// @notice LOCAL CHAIN ONLY. A stand-in for a USD stablecoin (6 decimals) with an open faucet.
/// The deploy script refuses to deploy it on any chain but the local one (31337).
contract MockUSDT is ERC20 {
    /// @notice What one {faucet} call gives: 10,000 USDT.
    uint256 public constant FAUCET_AMOUNT = 10_000e6;

    event FaucetUsed(address indexed to, uint256 amount);

    constructor() ERC20("Tether USD (local mock)", "USDT") {}

    function decimals() public pure override returns (uint8) {
        return 6;
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
