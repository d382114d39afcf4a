// Turns indexed events into the listing state the API serves. The same code applies new events as they are
// indexed and replays the stored events after a reorg, so both paths agree by construction.
import { getAddress, zeroAddress, type Address } from 'viem';
import { COINS } from '../format/hashrate';
import type { IndexDb } from './store';
import type { StoredEvent } from './events';

const INT64_MAX = 2n ** 63n - 1n;
/** A price as an SQLite integer for filters and sorts (exact up to 2^63-1 base units; larger ones are capped). */
export const priceNum = (v: string | bigint): bigint => {
  const b = BigInt(v);
  return b > INT64_MAX ? INT64_MAX : b;
};

// Per-listing constants of the time-dependent sorts (see the listings table), for the price `@priceNum`.
const UNIT_BASE = 'CAST(@priceNum AS REAL) * 86400000.0 / p.hashrate';
const RETURN_BASE = 'p.daily_yield_num * p.hashrate / (86400000.0 * MAX(@priceNum, 1))';
const REPRICE = `unit_base = CAST(@priceNum AS REAL) * 86400000.0 / hashrate,
  return_base = (SELECT y.daily_yield_num FROM products y WHERE y.product_id = listings.product_id) * hashrate / (86400000.0 * MAX(@priceNum, 1))`;

/** LoanMarket's fee on interest and grace period at deployment (its constructor sets them and emits nothing). */
const LOAN_FEE_BPS_AT_DEPLOY = 1000;
const LOAN_GRACE_AT_DEPLOY = 3 * 86_400;
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

type ListingRow = { id: number; seller: string; sale_type: string; status: string; bid_count: number };

export class Deriver {
  private readonly market: Address;
  private readonly s;

  constructor(private readonly db: IndexDb, marketplace: Address) {
    this.market = getAddress(marketplace);
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      application: p('INSERT OR REPLACE INTO applications (id, miner, name) VALUES (?, ?, ?)'),
      product: p(`INSERT OR REPLACE INTO products (product_id, miner, coin, node_id, hashrate, nft_count, minted, term_start, term_end, daily_yield, daily_yield_num)
                  VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`),
      productApp: p('UPDATE products SET application_id = ?, miner_name = (SELECT name FROM applications WHERE id = ?) WHERE product_id = ?'),
      listingsApp: p('UPDATE listings SET miner_name = (SELECT miner_name FROM products WHERE product_id = ?) WHERE product_id = ?'),
      minted: p('UPDATE products SET minted = minted + ? WHERE product_id = ?'),
      firstSale: p('INSERT OR IGNORE INTO first_sales (token_id, buyer, block_number) VALUES (?, ?, ?)'),
      isSold: p('SELECT 1 FROM first_sales WHERE token_id = ?'),
      openResale: p(`UPDATE listings SET primary_sale = 0 WHERE token_id = ? AND status IN ('live', 'stale')`),
      transfer: p('INSERT INTO tokens (token_id, owner, approved) VALUES (?, ?, NULL) ON CONFLICT (token_id) DO UPDATE SET owner = excluded.owner, approved = NULL'),
      approve: p('UPDATE tokens SET approved = ? WHERE token_id = ?'),
      operatorOn: p('INSERT OR IGNORE INTO operators (owner) VALUES (?)'),
      operatorOff: p('DELETE FROM operators WHERE owner = ?'),
      open: p(`SELECT id, seller, sale_type, status, bid_count FROM listings WHERE token_id = ? AND sale_type = ? AND status IN ('live', 'stale') ORDER BY id DESC LIMIT 1`),
      openFixedOfSeller: p(`SELECT token_id FROM listings WHERE seller = ? AND sale_type = 'fixed' AND status IN ('live', 'stale')`),
      buyable: p(`SELECT 1 FROM tokens t WHERE t.token_id = ? AND t.owner = ? AND (t.approved = ? OR EXISTS (SELECT 1 FROM operators o WHERE o.owner = t.owner))`),
      setStatus: p('UPDATE listings SET status = ? WHERE id = ?'),
      close: p('UPDATE listings SET status = ?, closed_block = ? WHERE id = ?'),
      insertListing: p(`INSERT INTO listings (token_id, product_id, sale_type, seller, status, price, price_num, primary_sale, created_block, created_log, created_time,
                          reserve_price, end_time, min_increment_bps, coin, miner, node_id, miner_name, hashrate, term_start, term_end, unit_base, return_base)
                        SELECT @tokenId, @productId, @saleType, @seller, @status, @price, @priceNum, @primary, @block, @log, @time, @reserve, @endTime, @bps,
                          p.coin, p.miner, p.node_id, p.miner_name, p.hashrate, p.term_start, p.term_end, ${UNIT_BASE}, ${RETURN_BASE}
                        FROM products p WHERE p.product_id = @productId`),
      price: p(`UPDATE listings SET price = @price, price_num = @priceNum, ${REPRICE} WHERE id = @id`),
      bid: p(`UPDATE listings SET price = @price, price_num = @priceNum, ${REPRICE},
                highest_bid = @price, highest_bidder = @bidder, bid_count = bid_count + 1, end_time = @endTime WHERE id = @id`),
      winner: p('UPDATE listings SET winner = ? WHERE id = ?'),
      insertBid: p(`INSERT INTO bids (listing_id, token_id, bidder, amount, end_time, block_number, log_index, tx_hash, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertSale: p(`INSERT INTO sales (listing_id, token_id, sale_type, seller, buyer, price, fee, block_number, log_index, tx_hash, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      proposal: p(`INSERT OR REPLACE INTO proposals (id, proposer, targets, vals, calldatas, description, vote_start, vote_end, block_number, log_index, timestamp)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      deposit: p('INSERT OR REPLACE INTO deposits (product_id, day, amount, payer, block_number, log_index) VALUES (?, ?, ?, ?, ?, ?)'),
      redemption: p(`INSERT OR REPLACE INTO redemptions (account, amount, filecoin_address, block_number, log_index, tx_hash, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      offer: p(`INSERT OR REPLACE INTO positions (id, state, kind, borrower, lender, principal, apr_bps, duration, start, collateral, product_id, min_term_left, grace, fee_bps, coin, min_hashrate)
                 VALUES (@id, 1, @kind, @zero, @lender, @principal, @aprBps, @duration, 0, @collateral, @productId, @minTermLeft, 0, 0, @coin, @minHashrate)`),
      request: p(`INSERT OR REPLACE INTO positions (id, state, kind, borrower, lender, principal, apr_bps, duration, start, collateral, product_id, min_term_left, grace, fee_bps, coin, min_hashrate)
                   VALUES (@id, 2, @kind, @borrower, @zero, @principal, @aprBps, @duration, 0, @collateral, '0', 0, 0, 0, 0, '0')`),
      loanStarted: p(`UPDATE positions SET state = 3, borrower = @borrower, lender = @lender, collateral = @collateral, start = @start,
                        grace = (SELECT value FROM loan_settings WHERE key = 'grace'), fee_bps = (SELECT value FROM loan_settings WHERE key = 'fee') WHERE id = @id`),
      positionState: p('UPDATE positions SET state = ? WHERE id = ?'),
      loanSetting: p('INSERT OR REPLACE INTO loan_settings (key, value) VALUES (?, ?)'),
      loanSettingsDefault: p(`INSERT OR IGNORE INTO loan_settings (key, value) VALUES ('fee', ${LOAN_FEE_BPS_AT_DEPLOY}), ('grace', ${LOAN_GRACE_AT_DEPLOY})`),
      refund: p(`INSERT INTO refunds (account, credited, withdrawn) VALUES (?, ?, ?) ON CONFLICT (account) DO UPDATE SET
                   credited = CAST(CAST(credited AS INTEGER) + CAST(excluded.credited AS INTEGER) AS TEXT),
                   withdrawn = CAST(CAST(withdrawn AS INTEGER) + CAST(excluded.withdrawn AS INTEGER) AS TEXT)`),
    };
  }

  /** A fixed-price listing is live while its seller owns the token and the Marketplace may move it. */
  private refreshFixed(tokenId: number): void {
    const l = this.s.open.get(tokenId, 'fixed') as ListingRow | undefined;
    if (!l) return;
    const status = this.s.buyable.get(tokenId, l.seller, this.market) ? 'live' : 'stale';
    if (status !== l.status) this.s.setStatus.run(status, l.id);
  }

  private productOf(tokenId: number): number {
    return Math.floor(tokenId / 1_000_000);
  }

  apply(e: StoredEvent, timestamp: number): void {
    const a = e.args as Record<string, string>;
    const tokenId = a.tokenId !== undefined ? Number(a.tokenId) : NaN;
    switch (`${e.contract}.${e.name}`) {
      case 'registry.ApplicationSubmitted': {
        const params = e.args.params as { name: string };
        this.s.application.run(Number(a.id), a.miner, params.name);
        break;
      }
      case 'registry.ApplicationActivated':
        this.s.productApp.run(Number(a.id), Number(a.id), Number(a.productId));
        this.s.listingsApp.run(Number(a.productId), Number(a.productId));
        break;
      case 'nft.ProductCreated': {
        const coin = COINS[Number(a.coin)] ?? `coin${a.coin}`;
        this.s.product.run(Number(a.productId), a.miner, coin, a.nodeId, Number(a.hashratePerNFT), Number(a.nftCount), Number(a.termStart), Number(a.termEnd), a.expectedDailyYieldPerUnit, Number(a.expectedDailyYieldPerUnit));
        break;
      }
      case 'nft.ProductMinted':
        this.s.minted.run(Number(a.quantity), Number(a.productId));
        break;
      case 'nft.Transfer':
        this.s.transfer.run(tokenId, a.to);
        this.refreshFixed(tokenId);
        break;
      case 'nft.FirstSale':
        // Emitted with the transfer of a token's first sale; the sale's own listing is already closed by then.
        this.s.firstSale.run(tokenId, a.buyer, e.blockNumber);
        this.s.openResale.run(tokenId);
        break;
      case 'nft.Approval':
        this.s.approve.run(a.approved === zeroAddress ? null : a.approved, tokenId);
        this.refreshFixed(tokenId);
        break;
      case 'nft.ApprovalForAll': {
        if (getAddress(a.operator!) !== this.market) break;
        if ((e.args.approved as boolean) === true) this.s.operatorOn.run(a.owner);
        else this.s.operatorOff.run(a.owner);
        for (const { token_id } of this.s.openFixedOfSeller.all(a.owner) as { token_id: number }[]) this.refreshFixed(token_id);
        break;
      }
      case 'market.Listed': {
        const old = this.s.open.get(tokenId, 'fixed') as ListingRow | undefined;
        if (old) this.s.close.run('cancelled', e.blockNumber, old.id); // a stale listing of a previous owner is replaced
        this.insertListing(e, timestamp, 'fixed', a.seller!, a.price!);
        this.refreshFixed(tokenId);
        break;
      }
      case 'market.PriceUpdated': {
        const l = this.s.open.get(tokenId, 'fixed') as ListingRow | undefined;
        if (l) this.s.price.run({ price: a.newPrice, priceNum: priceNum(a.newPrice!), id: l.id });
        break;
      }
      case 'market.ListingCancelled': {
        const l = this.s.open.get(tokenId, 'fixed') as ListingRow | undefined;
        if (l) this.s.close.run('cancelled', e.blockNumber, l.id);
        break;
      }
      case 'market.Sold': {
        const l = this.s.open.get(tokenId, 'fixed') as ListingRow | undefined;
        if (l) this.s.close.run('sold', e.blockNumber, l.id);
        this.s.insertSale.run(l?.id ?? 0, tokenId, 'fixed', a.seller, a.buyer, a.price, a.fee, e.blockNumber, e.logIndex, e.txHash, timestamp);
        break;
      }
      case 'market.AuctionCreated': {
        // The NFT moves into the Marketplace and any fixed-price listing of it is deleted, without an event.
        const fixed = this.s.open.get(tokenId, 'fixed') as ListingRow | undefined;
        if (fixed) this.s.close.run('cancelled', e.blockNumber, fixed.id);
        this.insertListing(e, timestamp, 'auction', a.seller!, a.reservePrice!, { reserve: a.reservePrice!, endTime: Number(a.endTime), bps: Number(a.minIncrementBps) });
        break;
      }
      case 'market.BidPlaced': {
        const l = this.s.open.get(tokenId, 'auction') as ListingRow | undefined;
        if (!l) break;
        this.s.bid.run({ price: a.amount, priceNum: priceNum(a.amount!), bidder: a.bidder, endTime: Number(a.endTime), id: l.id });
        this.s.insertBid.run(l.id, tokenId, a.bidder, a.amount, Number(a.endTime), e.blockNumber, e.logIndex, e.txHash, timestamp);
        break;
      }
      case 'market.AuctionCancelled': {
        const l = this.s.open.get(tokenId, 'auction') as ListingRow | undefined;
        if (l) this.s.close.run('cancelled', e.blockNumber, l.id);
        break;
      }
      case 'market.AuctionSettled': {
        const l = this.s.open.get(tokenId, 'auction') as ListingRow | undefined;
        const sold = a.winner !== zeroAddress;
        if (l) {
          this.s.close.run(sold ? 'sold' : 'ended', e.blockNumber, l.id);
          if (sold) this.s.winner.run(a.winner, l.id);
        }
        if (sold) this.s.insertSale.run(l?.id ?? 0, tokenId, 'auction', a.seller, a.winner, a.amount, a.fee, e.blockNumber, e.logIndex, e.txHash, timestamp);
        break;
      }
      case 'governor.ProposalCreated': {
        const g = e.args as { proposalId: string; proposer: string; targets: string[]; values: string[]; calldatas: string[]; description: string; voteStart: string; voteEnd: string };
        this.s.proposal.run(g.proposalId, g.proposer, JSON.stringify(g.targets), JSON.stringify(g.values), JSON.stringify(g.calldatas), g.description, g.voteStart, g.voteEnd, e.blockNumber, e.logIndex, timestamp);
        break;
      }
      case 'yield.YieldDeposited':
        this.s.deposit.run(Number(a.productId), Number(a.day), a.amount, a.payer, e.blockNumber, e.logIndex);
        break;
      case 'ifil.Redeemed':
        this.s.redemption.run(a.from, a.amount, a.filecoinAddress, e.blockNumber, e.logIndex, e.txHash, timestamp);
        break;
      case 'loans.OfferPosted':
        this.s.offer.run({ id: Number(a.id), kind: Number(a.kind), zero: ZERO_ADDRESS, lender: a.lender, principal: a.principal, aprBps: Number(a.aprBps), duration: Number(a.duration),
          collateral: a.collateralAmount, productId: a.productId, minTermLeft: Number(a.minTermLeft), coin: Number(a.coin), minHashrate: a.minHashrate });
        break;
      case 'loans.RequestPosted':
        this.s.request.run({ id: Number(a.id), kind: Number(a.kind), zero: ZERO_ADDRESS, borrower: a.borrower, principal: a.principal, aprBps: Number(a.aprBps), duration: Number(a.duration), collateral: a.collateral });
        break;
      case 'loans.LoanStarted':
        this.s.loanSettingsDefault.run();
        // maturity = start + duration: the event carries the maturity, the position its duration
        this.s.loanStarted.run({ id: Number(a.id), borrower: a.borrower, lender: a.lender, collateral: a.collateral, start: timestamp });
        break;
      case 'loans.PositionCancelled':
        this.s.positionState.run(6, Number(a.id));
        break;
      case 'loans.LoanRepaid':
        this.s.positionState.run(4, Number(a.id));
        break;
      case 'loans.LoanForeclosed':
        this.s.positionState.run(5, Number(a.id));
        break;
      case 'loans.FeeUpdated':
        this.s.loanSetting.run('fee', Number(a.newFeeBps));
        break;
      case 'loans.GracePeriodUpdated':
        this.s.loanSetting.run('grace', Number(a.newGracePeriod));
        break;
      case 'market.RefundCredited':
      case 'market.RefundWithdrawn': {
        const account = (a.bidder ?? a.account ?? a.to ?? a.recipient) as string | undefined;
        const amount = a.amount ?? '0';
        if (account) this.s.refund.run(account, e.name === 'RefundCredited' ? amount : '0', e.name === 'RefundWithdrawn' ? amount : '0');
        break;
      }
    }
  }

  private insertListing(e: StoredEvent, time: number, saleType: 'fixed' | 'auction', seller: string, price: string, auction?: { reserve: string; endTime: number; bps: number }) {
    const tokenId = Number(e.args.tokenId);
    const productId = this.productOf(tokenId);
    this.s.insertListing.run({
      tokenId,
      productId,
      saleType,
      seller,
      status: 'live',
      price,
      priceNum: priceNum(price),
      // Marketplace.isPrimarySale: the token has had no first sale yet, whoever sells it.
      primary: this.s.isSold.get(tokenId) ? 0 : 1,
      block: e.blockNumber,
      log: e.logIndex,
      time,
      reserve: auction?.reserve ?? null,
      endTime: auction?.endTime ?? null,
      bps: auction?.bps ?? null,
    });
  }
}
