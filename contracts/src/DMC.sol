// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title DMC (DMEX Coin)
/// @notice The DMEX governance token: a fixed supply of 100,000,000 DMC, all minted at deployment to the
/// allocations given to the constructor (mining reserve, risk fund, foundation, team and private vesting).
/// Holders vote through {DMEXGovernor} after delegating (to themselves or to someone else); undelegated tokens
/// do not vote. Supports EIP-2612 permits and burning.
/// @dev No owner and no minting after construction. The ERC-6372 clock is the block timestamp, so the Governor's
/// voting delay and period are in seconds and vote snapshots are timestamps.
contract DMC is ERC20, ERC20Burnable, ERC20Permit, ERC20Votes {
    /// @notice One initial mint: `amount` base units (18 decimals) to `recipient`.
    struct Allocation {
        address recipient;
        uint256 amount;
    }

    /// @notice The whole supply, minted at deployment: 100 million DMC.
    uint256 public constant TOTAL_SUPPLY = 100_000_000e18;

    error DMCInvalidRecipient(uint256 index);
    error DMCInvalidTotalSupply(uint256 allocated, uint256 expected);

    /// @param allocations the initial mints; recipients must be non-zero and the amounts must add up to
    /// {TOTAL_SUPPLY}. Emits one {Transfer} from the zero address per allocation.
    constructor(Allocation[] memory allocations) ERC20("DMEX Coin", "DMC") ERC20Permit("DMEX Coin") {
        uint256 allocated;
        for (uint256 i; i < allocations.length; ++i) {
            Allocation memory a = allocations[i];
            if (a.recipient == address(0)) revert DMCInvalidRecipient(i);
            allocated += a.amount;
            _mint(a.recipient, a.amount);
        }
        if (allocated != TOTAL_SUPPLY) revert DMCInvalidTotalSupply(allocated, TOTAL_SUPPLY);
    }

    /// @notice The ERC-6372 clock: the current block timestamp.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice The ERC-6372 clock mode: timestamps.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
