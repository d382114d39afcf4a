// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Implemented by a recipient that asked {HookToken} to call it back on every transfer it receives.
interface ITokenReceiveHook {
    function onTokenReceived(address from, uint256 value) external;
}

/// @notice TEST ONLY. A 6-decimal payment token with two hostile features, both off by default:
/// - a blocklist of recipients (like a stablecoin's freeze list): a transfer *to* a blocked account reverts, or
///   returns false without moving anything when `returnFalse` is set;
/// - ERC-777-style receive hooks: after crediting a recipient that registered with {setHooked}, the token calls
///   its `onTokenReceived`, and a revert there reverts the transfer (the recipient refuses the money).
contract HookToken is ERC20 {
    mapping(address account => bool) public blocked;
    mapping(address account => bool) public hooked;
    bool public returnFalse;

    error HookTokenBlocked(address to);

    constructor() ERC20("Hook USD", "hUSD") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    /// @notice When set, a transfer to a blocked account returns false instead of reverting.
    function setReturnFalse(bool value) external {
        returnFalse = value;
    }

    function setHooked(address account, bool isHooked) external {
        hooked[account] = isHooked;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        if (blocked[to]) {
            if (returnFalse) return false;
            revert HookTokenBlocked(to);
        }
        super.transfer(to, value);
        if (hooked[to]) ITokenReceiveHook(to).onTokenReceived(msg.sender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (blocked[to]) {
            if (returnFalse) return false;
            revert HookTokenBlocked(to);
        }
        super.transferFrom(from, to, value);
        if (hooked[to]) ITokenReceiveHook(to).onTokenReceived(from, value);
        return true;
    }
}
