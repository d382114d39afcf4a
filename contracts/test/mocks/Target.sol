// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice A timelock-owned contract for governance tests: an owner-only setter, an open counter and a call that
/// always reverts with a custom error (to test revert bubbling).
contract Target is Ownable {
    uint256 public value;
    uint256 public pings;

    event ValueSet(uint256 value);
    event Pinged(address indexed caller, uint256 amount);

    error TargetAlwaysFails(uint256 code);

    constructor(address owner_) Ownable(owner_) {}

    function setValue(uint256 newValue) external payable onlyOwner {
        value = newValue;
        emit ValueSet(newValue);
    }

    function ping() external payable {
        pings++;
        emit Pinged(msg.sender, msg.value);
    }

    function fail(uint256 code) external pure {
        revert TargetAlwaysFails(code);
    }

    function failWithoutData() external pure {
        revert();
    }
}
