'use client';

import Link from 'next/link';
import { useNftStaker } from '@/lib/earn/hooks';
import { useI18n } from '@/lib/i18n/client';
import { AddressLabel } from '../ui/AddressLabel';

/** A staked NFT's owner line: held by DMC mining for its staker, who can unstake it on the Earn page. */
export function StakedOwner({ tokenId }: { tokenId: bigint }) {
  const { t } = useI18n();
  const staker = useNftStaker(tokenId);
  return (
    <span data-testid="nft-owner-staked">
      {t('mining.nft.heldForStaker')} {staker.data ? <AddressLabel address={staker.data} /> : null}{' '}
      <Link href="/earn" className="text-sky-700 hover:underline">
        {t('mining.nft.unstakeOnEarn')}
      </Link>
    </span>
  );
}
