import { ProposalList, QuorumRuleNote } from '@/components/governance/ProposalList';

export default function GovernancePage() {
  return (
    <div className="space-y-4">
      <QuorumRuleNote />
      <ProposalList />
    </div>
  );
}
