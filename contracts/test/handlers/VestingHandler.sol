// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../utils/Vm.sol";
import {DMC} from "../../src/DMC.sol";
import {StepVestingWallet} from "../../src/StepVestingWallet.sol";

/// @notice Drives DMC and the two vesting wallets for the invariant suite: time passes (by up to 120 days, or to
/// just before / at / just after a wallet's next step boundary), anyone releases either wallet, the beneficiaries
/// pass on or burn what they received, the foundation donates to a wallet, holders transfer and (re)delegate.
/// The handler keeps its own model (ghosts): each wallet's schedule as given to the constructor (never read back
/// from the wallet), what was donated to and released from each wallet, what each beneficiary burned or sent
/// away, and who delegates to whom. Every action bounds its inputs and skips what cannot succeed, so no handler
/// call reverts (`fail_on_revert = true`); an outcome other than the model predicts (a release paying another
/// amount, tokens moving where they should not) is counted in `ghost_unexpectedOutcomes`.
contract VestingHandler is TestBase {
    /// @notice A vesting wallet and the schedule it must follow, as specified (not as the wallet reports it).
    struct Schedule {
        StepVestingWallet wallet;
        address beneficiary;
        uint256 allocation;
        uint256 start;
        uint256 stepSeconds;
        uint256 steps;
        uint256 initialBps;
    }

    uint256 public constant BPS = 10_000;
    /// @notice Longest single warp: 120 days, more than either step, so a run crosses every boundary and the ends.
    uint256 public constant MAX_WARP = 120 days;
    /// @notice Largest single donation from the foundation.
    uint256 public constant MAX_DONATION = 1_000_000e18;

    DMC public immutable dmc;
    /// @notice Donates to the wallets (the foundation).
    address public immutable donor;

    Schedule[] internal _schedules;
    /// @dev Everyone who holds DMC outside the wallets and may transfer or delegate: the beneficiaries included.
    address[] internal _holders;
    /// @dev Holders that are not beneficiaries: the only ones who receive transfers, so a beneficiary's balance
    /// comes from its wallet alone.
    address[] internal _recipients;
    /// @dev Everyone a holder may delegate to (every holder and an outsider); address(0) is also chosen.
    address[] internal _delegatees;

    // ------------------------------------------------------------ model, per wallet index
    mapping(uint256 w => uint256) public ghost_donated;
    mapping(uint256 w => uint256) public ghost_released;
    mapping(uint256 w => uint256) public ghost_burnedByBeneficiary;
    mapping(uint256 w => uint256) public ghost_sentByBeneficiary;
    /// @dev `vestedAmount(now)` as seen at the start of the latest action, before it warped or donated.
    mapping(uint256 w => uint256) public ghost_lastVested;

    // ------------------------------------------------------------ model, token
    uint256 public ghost_burned;
    mapping(address holder => address) public ghost_delegate;

    // ------------------------------------------------------------ counters
    uint256 public ghost_vestedDecreases;
    uint256 public ghost_unexpectedOutcomes;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        DMC dmc_,
        address donor_,
        Schedule[] memory schedules_,
        address[] memory recipients_,
        address outsider
    ) {
        dmc = dmc_;
        donor = donor_;
        for (uint256 i; i < schedules_.length; ++i) {
            _schedules.push(schedules_[i]);
            _holders.push(schedules_[i].beneficiary);
        }
        for (uint256 i; i < recipients_.length; ++i) {
            _recipients.push(recipients_[i]);
            _holders.push(recipients_[i]);
        }
        _delegatees = _holders;
        _delegatees.push(outsider);
    }

    // ================================================================ time

    /// @notice Time passes by 0 to 120 days (a seed up to MAX_WARP is the number of seconds itself).
    function warp(uint256 secondsSeed) external {
        _observe();
        vm.warp(vm.getBlockTimestamp() + bound(secondsSeed, 0, MAX_WARP));
        calls["warp"]++;
    }

    /// @notice Time passes to 1 s before, exactly at, or 1 s after a wallet's next step boundary (boundaries
    /// continue past the end, where nothing changes any more).
    function warpToBoundary(uint256 walletSeed, uint256 offsetSeed) external {
        _observe();
        Schedule storage s = _schedules[_pickWallet(walletSeed)];
        uint256 now_ = vm.getBlockTimestamp();
        uint256 next = now_ < s.start ? s.start : s.start + ((now_ - s.start) / s.stepSeconds + 1) * s.stepSeconds;
        uint256 target = next - 1 + bound(offsetSeed, 0, 2); // next > now_, so target >= now_
        vm.warp(target);
        calls["warpToBoundary"]++;
    }

    // ================================================================ vesting

    /// @notice Anyone (any address at all) releases a wallet's DMC: the beneficiary must receive exactly what the
    /// model says has vested and was not yet released, and the caller nothing.
    function release(uint256 walletSeed, uint256 callerSeed) external {
        _observe();
        uint256 w = _pickWallet(walletSeed);
        Schedule storage s = _schedules[w];
        address caller = address(uint160(callerSeed));
        address wallet = address(s.wallet);

        uint256 vested = modelVested(w, vm.getBlockTimestamp());
        uint256 expected;
        if (vested >= ghost_released[w]) expected = vested - ghost_released[w];
        else ghost_unexpectedOutcomes++; // the model itself went backwards
        uint256 beneficiaryBefore = dmc.balanceOf(s.beneficiary);
        uint256 walletBefore = dmc.balanceOf(wallet);
        bool callerIsBystander = caller != s.beneficiary && caller != wallet;
        uint256 callerBefore = dmc.balanceOf(caller);

        vm.prank(caller);
        s.wallet.release(address(dmc));

        uint256 received = dmc.balanceOf(s.beneficiary) - beneficiaryBefore;
        if (received != expected) ghost_unexpectedOutcomes++;
        if (walletBefore - dmc.balanceOf(wallet) != received) ghost_unexpectedOutcomes++;
        if (callerIsBystander && dmc.balanceOf(caller) != callerBefore) ghost_unexpectedOutcomes++;
        ghost_released[w] += received;
        calls[received == 0 ? bytes32("release (nothing)") : bytes32("release")]++;
    }

    /// @notice The foundation sends 1 wei to 1,000,000 DMC to a wallet: it vests on the wallet's schedule.
    function donate(uint256 walletSeed, uint256 amountSeed) external {
        _observe();
        uint256 available = dmc.balanceOf(donor);
        if (available == 0) return _skip("donate (skipped)");
        uint256 w = _pickWallet(walletSeed);
        uint256 amount = bound(amountSeed, 1, available < MAX_DONATION ? available : MAX_DONATION);
        vm.prank(donor);
        dmc.transfer(address(_schedules[w].wallet), amount);
        ghost_donated[w] += amount;
        calls["donate"]++;
    }

    // ================================================================ beneficiaries

    /// @notice A beneficiary sends some of what it received to a non-beneficiary holder.
    function beneficiaryTransfer(uint256 walletSeed, uint256 toSeed, uint256 amountSeed) external {
        _observe();
        uint256 w = _pickWallet(walletSeed);
        address beneficiary = _schedules[w].beneficiary;
        uint256 amount = bound(amountSeed, 0, dmc.balanceOf(beneficiary));
        address to = _recipients[bound(toSeed, 0, _recipients.length - 1)];
        vm.prank(beneficiary);
        dmc.transfer(to, amount);
        ghost_sentByBeneficiary[w] += amount;
        calls[amount == 0 ? bytes32("beneficiaryTransfer (zero)") : bytes32("beneficiaryTransfer")]++;
    }

    /// @notice A beneficiary burns some of what it received.
    function beneficiaryBurn(uint256 walletSeed, uint256 amountSeed) external {
        _observe();
        uint256 w = _pickWallet(walletSeed);
        address beneficiary = _schedules[w].beneficiary;
        uint256 amount = bound(amountSeed, 0, dmc.balanceOf(beneficiary));
        vm.prank(beneficiary);
        dmc.burn(amount);
        ghost_burnedByBeneficiary[w] += amount;
        ghost_burned += amount;
        calls[amount == 0 ? bytes32("beneficiaryBurn (zero)") : bytes32("beneficiaryBurn")]++;
    }

    // ================================================================ holders

    /// @notice A non-beneficiary holder (the foundation or another holder) sends some DMC to another one.
    function holderTransfer(uint256 fromSeed, uint256 toSeed, uint256 amountSeed) external {
        _observe();
        address from = _recipients[bound(fromSeed, 0, _recipients.length - 1)];
        address to = _recipients[bound(toSeed, 0, _recipients.length - 1)];
        uint256 amount = bound(amountSeed, 0, dmc.balanceOf(from));
        vm.prank(from);
        dmc.transfer(to, amount);
        calls["holderTransfer"]++;
    }

    /// @notice A holder (beneficiaries included) delegates to a holder, to the outsider, or to nobody.
    function delegate(uint256 holderSeed, uint256 delegateeSeed) external {
        _observe();
        address holder = _holders[bound(holderSeed, 0, _holders.length - 1)];
        uint256 d = bound(delegateeSeed, 0, _delegatees.length); // == length: address(0)
        address delegatee = d == _delegatees.length ? address(0) : _delegatees[d];
        vm.prank(holder);
        dmc.delegate(delegatee);
        if (dmc.delegates(holder) != delegatee) ghost_unexpectedOutcomes++;
        ghost_delegate[holder] = delegatee;
        calls[delegatee == address(0) ? bytes32("delegate (to nobody)") : bytes32("delegate")]++;
    }

    // ================================================================ model and views for the invariant test

    /// @notice What wallet `w` should have vested at `timestamp`, from the specified schedule and the model's
    /// total (allocation + donations): 0 before start; the initial part at start; plus one `steps`-th of the
    /// rest (rounded down) per boundary passed, counted one by one; everything from the last boundary.
    function modelVested(uint256 w, uint256 timestamp) public view returns (uint256) {
        Schedule storage s = _schedules[w];
        uint256 total = s.allocation + ghost_donated[w];
        if (timestamp < s.start) return 0;
        uint256 passed;
        while (passed < s.steps && timestamp >= s.start + (passed + 1) * s.stepSeconds) {
            passed++;
        }
        if (passed == s.steps) return total;
        uint256 initial = total * s.initialBps / BPS;
        return initial + (total - initial) * passed / s.steps;
    }

    function walletCount() external view returns (uint256) {
        return _schedules.length;
    }

    function schedule(uint256 w) external view returns (Schedule memory) {
        return _schedules[w];
    }

    function holders() external view returns (address[] memory) {
        return _holders;
    }

    function delegatees() external view returns (address[] memory) {
        return _delegatees;
    }

    // ================================================================ internal

    /// @dev Before every action: vested amounts never went down since the previous action.
    function _observe() internal {
        uint64 now_ = uint64(vm.getBlockTimestamp());
        for (uint256 w; w < _schedules.length; ++w) {
            uint256 vested = _schedules[w].wallet.vestedAmount(address(dmc), now_);
            if (vested < ghost_lastVested[w]) ghost_vestedDecreases++;
            ghost_lastVested[w] = vested;
        }
    }

    function _pickWallet(uint256 seed) internal view returns (uint256) {
        return bound(seed, 0, _schedules.length - 1);
    }

    function _skip(bytes32 action) internal {
        calls[action]++;
    }
}
