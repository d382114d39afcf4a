// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Council} from "../../src/Council.sol";

/// @notice Target of the council invariant suite. Each council transaction calls `hit(id)` with its own id; the
/// recorder counts the calls per id and, from inside the execution, reads what the council itself reports at
/// that moment: the transaction's approval count (current members only) and the threshold.
contract CallRecorder {
    Council public immutable council;

    mapping(uint256 id => uint256) public hits;
    mapping(uint256 id => uint256) public approvalsSeen;
    mapping(uint256 id => uint256) public thresholdSeen;

    error CallRecorderNotCouncil(address caller);

    constructor(Council council_) {
        council = council_;
    }

    function hit(uint256 id) external {
        if (msg.sender != address(council)) revert CallRecorderNotCouncil(msg.sender);
        hits[id]++;
        approvalsSeen[id] = council.transaction(id).approvalCount;
        thresholdSeen[id] = council.threshold();
    }
}
