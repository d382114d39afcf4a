import { ProposalPage } from '@/components/governance/ProposalPage';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <ProposalPage id={(await params).id} />;
}
