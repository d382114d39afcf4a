// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice TEST ONLY. A hostile staking token: when the armed target (the registry) moves it (`transferFrom` or
/// `transfer`), it first makes one arbitrary call back into the target and records how that inner call ended.
contract ReentrantDMC is ERC20 {
    address public target;
    bytes public attackData;
    bool public armed;
    bool public attempted;
    bool public reentrySucceeded;
    bytes public reentryRevertData;

    constructor() ERC20("Reentrant DMC", "rDMC") {}

    /// @dev As the registry's slasher in the reentrancy tests it is also asked the stake gate: it never objects.
    function checkStakeRelease(uint256) external pure {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms one call to `target_` with `data`, fired on the next token movement `target_` makes.
    function arm(address target_, bytes calldata data) external {
        target = target_;
        attackData = data;
        armed = true;
        attempted = false;
        reentrySucceeded = false;
        delete reentryRevertData;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        _maybeAttack();
        return super.transfer(to, value);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        _maybeAttack();
        return super.transferFrom(from, to, value);
    }

    function _maybeAttack() private {
        if (!armed || msg.sender != target) return;
        armed = false; // fire once
        attempted = true;
        (bool ok, bytes memory ret) = target.call(attackData);
        if (ok) reentrySucceeded = true;
        else reentryRevertData = ret;
    }
}
