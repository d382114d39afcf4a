// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IAuctionMarket {
    function bid(uint256 tokenId, uint256 amount) external;
    function settle(uint256 tokenId) external;
    function withdrawRefund() external;
    function createAuction(uint256 tokenId, uint256 reservePrice, uint256 duration, uint256 minIncrementBps)
        external;
}

/// @notice TEST ONLY. A bidder (or seller) contract that tries every way a contract can refuse what it is sent:
/// - `Mode.Revert`: reverts on receiving ether, on `onERC721Received` and on a token receive hook;
/// - `Mode.BurnGas`: burns all the gas it is given in each of those;
/// - `Mode.Reenter`: on a token receive hook ({HookToken}) calls back into the marketplace with the armed call
///   data and records how that inner call ended (the outer transfer then goes on).
/// Under `Mode.None` it accepts everything. The owner-less `act*` functions let a test drive it.
contract HostileBidder {
    enum Mode {
        None,
        Revert,
        BurnGas,
        Reenter
    }

    IAuctionMarket public immutable market;
    Mode public mode;
    bytes public reentryData;
    bool public attempted;
    bool public reentrySucceeded;
    bytes public reentryRevertData;
    uint256 public hookCalls;

    error HostileBidderRefuses();

    constructor(IAuctionMarket market_) {
        market = market_;
    }

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @notice Arms `Mode.Reenter` with the call to make into the marketplace on the next hook.
    function armReentry(bytes calldata data) external {
        mode = Mode.Reenter;
        reentryData = data;
        attempted = false;
        reentrySucceeded = false;
        delete reentryRevertData;
    }

    function approve(IERC20 token, uint256 amount) external {
        token.approve(address(market), amount);
    }

    function actBid(uint256 tokenId, uint256 amount) external {
        market.bid(tokenId, amount);
    }

    function actWithdrawRefund() external {
        market.withdrawRefund();
    }

    function actCreateAuction(uint256 tokenId, uint256 reservePrice, uint256 duration, uint256 bps) external {
        market.createAuction(tokenId, reservePrice, duration, bps);
    }

    function setApprovalForAll(address nft, address operator) external {
        (bool ok,) = nft.call(abi.encodeWithSignature("setApprovalForAll(address,bool)", operator, true));
        require(ok);
    }

    function onTokenReceived(address, uint256) external {
        hookCalls++;
        _refuse();
        if (mode == Mode.Reenter && !attempted) {
            attempted = true;
            (bool ok, bytes memory ret) = address(market).call(reentryData);
            if (ok) reentrySucceeded = true;
            else reentryRevertData = ret;
        }
    }

    function onERC721Received(address, address, uint256, bytes calldata) external view returns (bytes4) {
        _refuse();
        return this.onERC721Received.selector;
    }

    receive() external payable {
        _refuse();
    }

    fallback() external payable {
        _refuse();
    }

    function _refuse() private view {
        if (mode == Mode.Revert) revert HostileBidderRefuses();
        if (mode == Mode.BurnGas) {
            // Burn everything: an infinite loop ends only when the gas runs out.
            uint256 i;
            while (true) {
                unchecked {
                    ++i;
                }
            }
        }
    }
}
