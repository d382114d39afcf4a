// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice TEST ONLY. A plain 18-decimal ERC-20 standing in for the DMC governance token, mintable by anyone.
contract MockDMC is ERC20 {
    constructor() ERC20("DMC (test mock)", "DMC") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
