// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

interface IMarketplaceTarget {
    function buy(uint256 tokenId, uint256 maxPrice, uint256 claimNonce) external;
    function withdrawFees() external;
}

/// @notice TEST ONLY. A hostile payment token: when the marketplace moves it (`transferFrom` or `transfer`), it first
/// re-enters the marketplace (`buy` of a chosen token, `withdrawFees`, or any call armed with {armCall}: the auction
/// functions) and records how that inner call ended.
/// The token itself holds a balance and approves the marketplace, so a re-entrant `buy` is affordable: the only
/// thing that can stop it is the reentrancy guard.
contract ReentrantToken is ERC20 {
    enum Attack {
        None,
        Buy,
        WithdrawFees,
        Call
    }

    IMarketplaceTarget public target;
    Attack public attack;
    uint256 public attackTokenId;
    uint256 public attackMaxPrice;
    /// @notice Marketplace token movements to let through before the attack fires (0: the first one).
    uint256 public movesToSkip;
    /// @notice The call data of an `Attack.Call`.
    bytes public attackData;

    bool public attempted;
    bool public reentrySucceeded;
    bytes public reentryRevertData;

    constructor() ERC20("Reentrant USD", "rUSD") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Lets this contract's own balance be spent by `spender` (the marketplace, for the inner buy).
    function approveFromSelf(address spender, uint256 amount) external {
        _approve(address(this), spender, amount);
    }

    /// @notice Delays the armed attack to a later token movement of the same purchase (e.g. the seller payout).
    function setMovesToSkip(uint256 n) external {
        movesToSkip = n;
    }

    /// @notice Arms one attack, fired on the next token movement the marketplace makes.
    function arm(IMarketplaceTarget target_, Attack attack_, uint256 tokenId, uint256 maxPrice) external {
        target = target_;
        attack = attack_;
        attackTokenId = tokenId;
        attackMaxPrice = maxPrice;
        movesToSkip = 0;
        attempted = false;
        reentrySucceeded = false;
        delete reentryRevertData;
    }

    /// @notice Arms one arbitrary call into `target_` (made with this token as the caller), fired like {arm}.
    function armCall(IMarketplaceTarget target_, bytes calldata data) external {
        target = target_;
        attack = Attack.Call;
        attackData = data;
        movesToSkip = 0;
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

    /// @dev Fires the armed attack on a token movement the marketplace makes (pull or payout).
    function _maybeAttack() private {
        Attack a = attack;
        if (a == Attack.None || msg.sender != address(target)) return;
        if (movesToSkip != 0) {
            --movesToSkip;
            return;
        }
        attack = Attack.None; // fire once
        attempted = true;
        if (a == Attack.Buy) {
            try target.buy(attackTokenId, attackMaxPrice, 0) {
                reentrySucceeded = true;
            } catch (bytes memory reason) {
                reentryRevertData = reason;
            }
        } else if (a == Attack.Call) {
            (bool ok, bytes memory ret) = address(target).call(attackData);
            if (ok) reentrySucceeded = true;
            else reentryRevertData = ret;
        } else {
            try target.withdrawFees() {
                reentrySucceeded = true;
            } catch (bytes memory reason) {
                reentryRevertData = reason;
            }
        }
    }
}
