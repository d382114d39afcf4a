// GET /api/nodes/[address]/sales: its JSON shape (bigints as decimal strings), shared by the route and the browser.
import { z } from 'zod';
import type { NodeSale } from './read';

const big = z.string().regex(/^\d+$/).transform((s) => BigInt(s));
const hex = z.string().regex(/^0x[0-9a-fA-F]+$/).transform((s) => s as `0x${string}`);

export const nodeSalesSchema = z.object({
  items: z.array(z.object({ tokenId: big, blockNumber: big, txHash: hex, fee: big, cut: big, kind: z.enum(['own', 'override']), node: hex })),
});

export const encodeNodeSales = (items: NodeSale[]) => ({
  items: items.map((s) => ({ ...s, tokenId: s.tokenId.toString(), blockNumber: s.blockNumber.toString(), fee: s.fee.toString(), cut: s.cut.toString() })),
});

export const decodeNodeSales = (json: unknown): NodeSale[] => nodeSalesSchema.parse(json).items;
