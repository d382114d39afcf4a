import { ProposalList } from '@/components/governance/ProposalList';

export default function GovernancePage() {
  return <ProposalList />;
}
