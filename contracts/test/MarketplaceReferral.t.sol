// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {PromotionNodes, INodeStake} from "../src/PromotionNodes.sol";
import {NodeStakeStub} from "./mocks/NodeStakeStub.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice A primary sale bought through a promotion node's link: the node's commission comes out of the issuance
/// fee, reaches the nodes' contract with the fee withdrawal, and is claimed exactly; the buyer pays the same price.
contract MarketplaceReferralTest is MarketFixture {
    PromotionNodes internal nodes;
    NodeStakeStub internal stakes;
    address internal node = address(0x40DE);
    uint256 internal constant ISSUANCE_FEE = PRICE * ISSUANCE_FEE_BPS / 10_000;

    function setUp() public override {
        super.setUp();
        stakes = new NodeStakeStub();
        nodes = new PromotionNodes(admin, IERC20(address(usdt)), INodeStake(address(stakes)), 2, 2_000, 500);
        vm.startPrank(admin);
        nodes.setMarketplace(address(market));
        market.setNodes(address(nodes));
        vm.stopPrank();
        stakes.set(node, 20_000e18);
        vm.prank(node);
        nodes.join(address(0));
    }

    function test_ReferredPrimarySalePaysTheNodeOutOfTheIssuanceFee() public {
        uint256 tokenId = _list(1, PRICE);
        uint256 buyerBefore = usdt.balanceOf(buyer);
        vm.prank(buyer);
        market.buyReferred(tokenId, PRICE, 0, node);
        vm.assertEq(buyerBefore - usdt.balanceOf(buyer), PRICE, "the buyer pays the same price");
        uint256 commission = ISSUANCE_FEE * 2_000 / 10_000;
        vm.assertEq(nodes.owed(node), commission, "20% of the issuance fee");
        vm.assertEq(market.commissionsAccrued(), commission, "held with the fees until the withdrawal");

        market.withdrawFees();
        vm.assertEq(usdt.balanceOf(address(nodes)), commission, "the commission went to the nodes");
        vm.assertEq(usdt.balanceOf(treasury), ISSUANCE_FEE - commission, "the rest of the fee to the treasury");
        vm.prank(node);
        nodes.claim();
        vm.assertEq(usdt.balanceOf(node), commission, "claimed exactly");
    }

    /// @dev A purchase of an NFT minted on purchase through a node's link pays the same commission; its fee is
    /// booked with the withdrawable fees at once (the commission is part of them), so the withdrawal pays the node.
    function test_ReferredPurchaseOfAnUnmintedNftPaysTheNode() public {
        vm.startPrank(admin);
        uint256 id = nft.createProduct(_params(miner, 3));
        nft.listUnminted(id, PRICE);
        vm.stopPrank();
        vm.prank(buyer);
        uint256 tokenId = market.buyProductReferred(id, PRICE, node);
        vm.assertEq(nft.ownerOf(tokenId), buyer, "minted to the buyer");
        uint256 commission = ISSUANCE_FEE * 2_000 / 10_000;
        vm.assertEq(nodes.owed(node), commission, "20% of the issuance fee");
        vm.assertEq(market.productSale(id).fees, 0, "nothing waits in the sale");
        vm.assertEq(market.accruedFees(), ISSUANCE_FEE, "the fee is booked");
        market.withdrawFees();
        vm.assertEq(usdt.balanceOf(address(nodes)), commission, "the commission went to the nodes");
        vm.assertEq(usdt.balanceOf(treasury), ISSUANCE_FEE - commission, "the rest of the fee to the treasury");
    }

    function test_ClaimBeforeTheWithdrawalWithdrawsFirst() public {
        uint256 tokenId = _list(1, PRICE);
        vm.prank(buyer);
        market.buyReferred(tokenId, PRICE, 0, node);
        vm.prank(node);
        nodes.claim();
        vm.assertEq(usdt.balanceOf(node), ISSUANCE_FEE * 2_000 / 10_000, "paid");
        vm.assertEq(market.accruedFees(), 0, "the fees were withdrawn for it");
    }

    function test_NoCommissionOnAResaleOrASelfReferralOrAStranger() public {
        // the buyer is itself an active node, and refers itself: no kickback
        stakes.set(buyer, 20_000e18);
        vm.prank(buyer);
        nodes.join(address(0));
        uint256 tokenId = _list(1, PRICE);
        vm.prank(buyer);
        market.buyReferred(tokenId, PRICE, 0, buyer);
        vm.assertEq(market.commissionsAccrued(), 0, "self-referral earns nothing");
        vm.assertEq(nodes.owed(buyer), 0, "the buyer-node was credited nothing");
        vm.startPrank(buyer);
        nft.setApprovalForAll(address(market), true);
        market.list(tokenId, PRICE);
        vm.stopPrank();
        vm.prank(buyer2);
        market.buyReferred(tokenId, PRICE, 0, node); // a resale: the trading fee pays no commission
        vm.assertEq(nodes.owed(node), 0, "no commission on a resale");
        uint256 t2 = _list(2, PRICE);
        vm.prank(buyer);
        market.buyReferred(t2, PRICE, 0, address(0xDEAD)); // not a node
        vm.assertEq(market.commissionsAccrued(), 0, "a stranger's link earns nothing");
    }

    // ---------------------------------------------------------------- auctions

    function _auction(uint256 serial) internal returns (uint256 tokenId) {
        tokenId = _token(serial);
        vm.prank(miner);
        market.createAuction(tokenId, PRICE, 1 days, 500);
    }

    function test_AReferredWinningBidPaysTheNodeAtSettlement() public {
        uint256 tokenId = _auction(1);
        uint256 before = usdt.balanceOf(buyer);
        vm.prank(buyer);
        market.bidReferred(tokenId, PRICE, node);
        vm.warp(block.timestamp + 1 days);
        market.settle(tokenId);
        vm.assertEq(before - usdt.balanceOf(buyer), PRICE, "the bidder pays its bid, no more");
        uint256 commission = ISSUANCE_FEE * 2_000 / 10_000;
        vm.assertEq(nodes.owed(node), commission, "20% of the issuance fee");
        vm.assertEq(market.commissionsAccrued(), commission);
    }

    /// @dev A node's link brought a bid that was then outbid by a buyer who came on their own: the node did not
    /// bring the sale and earns nothing (nor does a later plain bid inherit the earlier referral).
    function test_Attack_AnOutbidReferralEarnsNothing() public {
        uint256 tokenId = _auction(1);
        vm.prank(buyer);
        market.bidReferred(tokenId, PRICE, node);
        vm.prank(buyer2);
        market.bid(tokenId, PRICE * 2);
        vm.warp(block.timestamp + 1 days);
        market.settle(tokenId);
        vm.assertEq(nodes.owed(node), 0, "the winning bid came without the link");
        vm.assertEq(market.commissionsAccrued(), 0);
    }

    function test_Attack_NoCommissionForASelfReferredBidOrAResaleAuction() public {
        stakes.set(buyer, 20_000e18);
        vm.prank(buyer);
        nodes.join(address(0));
        uint256 tokenId = _auction(1);
        vm.prank(buyer);
        market.bidReferred(tokenId, PRICE, buyer);
        vm.warp(block.timestamp + 1 days);
        market.settle(tokenId);
        vm.assertEq(nodes.owed(buyer), 0, "self-referral earns nothing");
        // the buyer auctions it on: a resale pays the trading fee, no commission
        vm.startPrank(buyer);
        nft.setApprovalForAll(address(market), true);
        market.createAuction(tokenId, PRICE, 1 days, 500);
        vm.stopPrank();
        vm.prank(buyer2);
        market.bidReferred(tokenId, PRICE, node);
        vm.warp(block.timestamp + 1 days);
        market.settle(tokenId);
        vm.assertEq(nodes.owed(node), 0, "no commission on a resale");
        vm.assertEq(market.commissionsAccrued(), 0);
    }
}
