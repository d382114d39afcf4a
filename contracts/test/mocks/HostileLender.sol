// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ITokenReceiveHook} from "./HookToken.sol";

/// @notice TEST ONLY. A party of the LoanMarket (usually a lender) that tries every way a contract can refuse the
/// money it is sent through a {HookToken} receive hook:
/// - `Mode.Revert`: reverts in the hook (refuses the transfer);
/// - `Mode.BurnGas`: burns all the gas it is given in the hook;
/// - `Mode.Reenter`: calls back into the market with the armed call data and records how that inner call ended
///   (the outer transfer then goes on).
/// Under `Mode.None` it accepts everything. {act} makes any call into the market as this contract (reverting
/// with the market's error), {actWithGas} makes it with a gas limit and reports whether it succeeded.
contract HostileLender is ITokenReceiveHook {
    enum Mode {
        None,
        Revert,
        BurnGas,
        Reenter
    }

    address public immutable market;
    Mode public mode;
    bytes public reentryData;
    bool public attempted;
    bool public reentrySucceeded;
    bytes public reentryRevertData;
    uint256 public hookCalls;

    error HostileLenderRefuses();

    constructor(address market_) {
        market = market_;
    }

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @notice Arms `Mode.Reenter` with the call to make into the market on the next hook.
    function armReentry(bytes calldata data) external {
        mode = Mode.Reenter;
        reentryData = data;
        attempted = false;
        reentrySucceeded = false;
        delete reentryRevertData;
    }

    function approve(IERC20 token, uint256 amount) external {
        token.approve(market, amount);
    }

    /// @notice Calls the market with `data` as this contract; bubbles up a revert.
    function act(bytes calldata data) external returns (bytes memory ret) {
        bool ok;
        (ok, ret) = market.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
    }

    /// @notice Calls the market with `data` and at most `gasLimit` gas; returns whether the call succeeded.
    function actWithGas(bytes calldata data, uint256 gasLimit) external returns (bool ok) {
        (ok,) = market.call{gas: gasLimit}(data);
    }

    function onTokenReceived(address, uint256) external {
        hookCalls++;
        Mode m = mode;
        if (m == Mode.Revert) revert HostileLenderRefuses();
        if (m == Mode.BurnGas) {
            while (true) {}
        }
        if (m == Mode.Reenter) {
            mode = Mode.None; // once
            attempted = true;
            (bool ok, bytes memory ret) = market.call(reentryData);
            if (ok) reentrySucceeded = true;
            else reentryRevertData = ret;
        }
    }
}
