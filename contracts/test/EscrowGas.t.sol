// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EscrowFixture} from "./utils/EscrowFixture.sol";

/// @notice Records steady-state execution gas of the escrow into snapshots/Escrow.json: `credit` (the escrow's
/// own part of a primary sale, called by the NFT from its first-sale transfer; the stream it returns is stored in
/// the token's ownership word by the NFT, so the escrow writes only its product sums),
/// `withdraw` (the miner, with 100 NFTs credited on different days: O(1), the figure does not depend on the count)
/// and `claimRefund_1nft`. Every touched contract is cooled first, as at the start of a real transaction
/// (see MarketplaceGas.t.sol).
contract EscrowGasTest is EscrowFixture {
    function test_Gas_Escrow() public {
        // Warm-up: the product has credits and a withdrawal behind it, as on a live market.
        _credit(_token(1), 4_560_000);
        _warpToDay(firstDay + 3);
        vm.prank(miner);
        escrow.withdraw(productId);

        uint256 tokenId = _token(2);
        usdt.mint(address(escrow), 4_560_000);
        _coolAll();
        vm.prank(address(nft));
        escrow.credit(tokenId, 4_560_000);
        uint256 creditGas = vm.snapshotGasLastCall("Escrow", "credit");

        // 100 NFTs credited over 100 days: withdraw stays O(1).
        for (uint256 i = 3; i <= 100; ++i) {
            _warpToDay(firstDay + 3 + i);
            _credit(_token(i), 4_560_000);
        }
        _warpToDay(firstDay + 150);
        _coolAll();
        vm.prank(miner);
        escrow.withdraw(productId);
        uint256 withdrawGas = vm.snapshotGasLastCall("Escrow", "withdraw");

        _halt();
        uint256[] memory one = _ids(_token(50));
        _coolAll();
        vm.prank(miner);
        escrow.claimRefund(one);
        vm.snapshotGasLastCall("Escrow", "claimRefund_1nft");

        vm.assertLe(creditGas, 45_000, "credit gas");
        vm.assertLe(withdrawGas, 50_000, "withdraw gas, whatever the number of NFTs");
    }

    function _coolAll() private {
        vm.cool(address(escrow));
        vm.cool(address(nft));
        vm.cool(address(usdt));
    }
}
