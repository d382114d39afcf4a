import { expect, test } from '@playwright/test';
import { onChain } from './fixtures';

test('GET /api/listings serves the chain’s active listings with their attributes', async ({ request }) => {
  const res = await request.get('/api/listings?limit=100&sort=price_asc');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.total).toBeGreaterThan(20);
  expect(body.items.length).toBe(body.total);
  const prices = body.items.map((i: { price: string }) => BigInt(i.price));
  expect(prices).toEqual([...prices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  const first = body.items[0];
  const listing = await onChain.listing(BigInt(first.tokenId));
  expect(first.price).toBe(listing.price.toString());
  expect(first.seller).toBe(listing.seller);
  expect(first.product).toMatchObject({ coin: 'FIL', nodeId: expect.stringMatching(/^f0\d+$/) });
});

test('GET /api/listings rejects a bad query with 400 and the reason', async ({ request }) => {
  for (const [query, message] of [
    ['limit=500', 'limit: Too big: expected number to be <=100'],
    ['coin=DOGE', 'coin: Invalid option: expected one of "FIL"|"BTC"'],
    ['sort=cheap&colour=red', 'unknown parameter(s): colour'],
  ] as const) {
    const res = await request.get(`/api/listings?${query}`);
    expect(res.status(), query).toBe(400);
    expect((await res.json()).error, query).toContain(message);
  }
});

test('GET /api/nft/[id] returns ERC-721 metadata and an SVG image', async ({ request }) => {
  const res = await request.get('/api/nft/2000003');
  expect(res.status()).toBe(200);
  const meta = await res.json();
  expect(meta.name).toBe('4 TiB FIL hashrate · f02097088 #3');
  expect(meta.image).toMatch(/\/api\/nft\/2000003\/image$/);
  expect(meta.attributes).toEqual(
    expect.arrayContaining([
      { trait_type: 'Node ID', value: 'f02097088' },
      { trait_type: 'Term (days)', value: 360, display_type: 'number' },
      // The miner and the DAO-approved application it was minted under, and where to verify the node.
      { trait_type: 'Miner name', value: 'Shenzhen Filecoin Mining Ltd.' },
      { trait_type: 'Application', value: 2 },
      { trait_type: 'Miner documents', value: 'ipfs://bafy-dmex-demo-f02097088' },
      { trait_type: 'Verify node', value: 'https://filfox.info/en/address/f02097088' },
    ]),
  );
  expect(meta.description).toContain('approved by DAO vote on miner application #2');
  const image = await request.get('/api/nft/2000003/image');
  expect(image.headers()['content-type']).toBe('image/svg+xml');
  expect(await image.text()).toContain('f02097088');
  expect((await request.get('/api/nft/12abc')).status()).toBe(400);
  expect((await request.get('/api/nft/77000001')).status()).toBe(404);
});

test('GET /api/health reports the chain and the index: its block, its lag and its last error', async ({ request }) => {
  await request.get('/api/listings?limit=1'); // brings the index up to the chain
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ ok: true, deployed: true, chainId: 31337, index: { lastError: null } });
  expect(body.index.indexedBlock).toBeGreaterThan(0);
  expect(body.index.lagBlocks).toBeLessThanOrEqual(2);
  expect(Number(body.blockNumber)).toBeGreaterThanOrEqual(body.index.indexedBlock);
});
