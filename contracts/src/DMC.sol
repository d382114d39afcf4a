// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IEmissionSchedule} from "./interfaces/IEmissionSchedule.sol";

/// @title DMC (DMEX Coin)
/// @notice The DMEX governance token: a fixed supply of 100,000,000 DMC, all minted at deployment to the
/// allocations given to the constructor (mining reserve, risk fund, foundation, team and private vesting).
/// Holders vote through {DMEXGovernor} after delegating (to themselves or to someone else); undelegated tokens
/// do not vote. Supports EIP-2612 permits and burning.
///
/// **Locked holders never vote.** The treasury (the timelock, which keeps the mining reserve), the insurance fund,
/// the vesting wallets (unvested tokens) and the miner registry (stakes) are named at deployment; any other
/// contract may lock itself later with {lockVotes}. A locked holder's tokens are delegated, for good, to this
/// token's own address, which can never cast a vote: what they hold is checkpointed there, so the Governor
/// measures its quorum on the supply that can vote ({getPastVotableSupply}). Tokens leaving a locked holder (a
/// vesting release, a reserve payout) become votable at once; tokens sent to one stop voting.
///
/// **The mining reserve counts as it is emitted.** The mining contract ({miningReserve}) holds the 50M mining
/// reserve and pays it out on a fixed schedule; it is not a locked holder (so a mining payout writes no vote
/// checkpoint), and instead the part of the reserve its schedule has not released yet ({IEmissionSchedule}) is left
/// out of the votable supply, at any past time as now (the schedule is a fixed function of time).
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

    /// @notice The mining contract holding the mining reserve (zero when there is none): what its schedule has not
    /// released yet does not count toward the quorum.
    IEmissionSchedule public immutable miningReserve;

    /// @notice Which accounts are locked: their tokens never vote and do not count toward the quorum.
    mapping(address account => bool) public votesLocked;

    error DMCInvalidRecipient(uint256 index);
    error DMCInvalidTotalSupply(uint256 allocated, uint256 expected);
    /// @notice A locked holder tried to delegate: locked tokens never vote.
    error DMCVotesLocked(address account);
    /// @notice Nobody delegates to the token itself: that is where locked tokens are kept out of the vote.
    error DMCInvalidDelegate(address delegatee);
    /// @notice The zero address or the token itself cannot be a locked holder.
    error DMCInvalidLockedHolder(address account);

    /// @notice `account` is locked for good: its tokens no longer vote or count toward the quorum.
    event VotesLocked(address indexed account);

    /// @param allocations the initial mints; recipients must be non-zero and the amounts must add up to
    /// {TOTAL_SUPPLY}. Emits one {Transfer} from the zero address per allocation.
    /// @param lockedHolders accounts locked from the start (treasury, insurance fund, vesting wallets, the miner
    /// registry); they may hold nothing yet. Emits {VotesLocked} for each.
    /// @param miningReserve_ the mining contract (it must not be a locked holder), or zero.
    constructor(Allocation[] memory allocations, address[] memory lockedHolders, IEmissionSchedule miningReserve_)
        ERC20("DMEX Coin", "DMC")
        ERC20Permit("DMEX Coin")
    {
        miningReserve = miningReserve_;
        for (uint256 i; i < lockedHolders.length; ++i) {
            _lock(lockedHolders[i]);
        }
        uint256 allocated;
        for (uint256 i; i < allocations.length; ++i) {
            Allocation memory a = allocations[i];
            if (a.recipient == address(0)) revert DMCInvalidRecipient(i);
            allocated += a.amount;
            _mint(a.recipient, a.amount);
        }
        if (allocated != TOTAL_SUPPLY) revert DMCInvalidTotalSupply(allocated, TOTAL_SUPPLY);
    }

    /// @notice Locks the caller for good (a contract that holds DMC it must never vote with, such as a pool): its
    /// tokens stop voting and stop counting toward the quorum. Irreversible.
    function lockVotes() external {
        if (!votesLocked[msg.sender]) _lock(msg.sender);
    }

    /// @notice DMC that can vote now: the supply minus what locked holders hold and the unreleased mining reserve.
    function votableSupply() external view returns (uint256) {
        return totalSupply() - getVotes(address(this)) - _unreleased(block.timestamp);
    }

    /// @notice DMC that could vote at `timepoint` (a past timestamp): the supply then minus what locked holders
    /// held then and the mining reserve not released by then. The Governor's quorum is measured on it.
    function getPastVotableSupply(uint256 timepoint) external view returns (uint256) {
        return getPastTotalSupply(timepoint) - getPastVotes(address(this), timepoint) - _unreleased(timepoint);
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

    /// @dev A locked holder's delegate stays this token; nobody else may delegate to it.
    function _delegate(address account, address delegatee) internal override {
        if (votesLocked[account]) revert DMCVotesLocked(account);
        if (delegatee == address(this)) revert DMCInvalidDelegate(delegatee);
        super._delegate(account, delegatee);
    }

    function _unreleased(uint256 time) private view returns (uint256) {
        IEmissionSchedule m = miningReserve;
        if (address(m) == address(0)) return 0;
        return m.CAP() - m.emittedAt(time);
    }

    function _lock(address account) private {
        if (account == address(0) || account == address(this) || account == address(miningReserve)) {
            revert DMCInvalidLockedHolder(account);
        }
        votesLocked[account] = true;
        super._delegate(account, address(this));
        emit VotesLocked(account);
    }
}
