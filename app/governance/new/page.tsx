import { CreateProposal } from '@/components/governance/CreateProposal';

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const q = await searchParams;
  return <CreateProposal initialTemplate={q.template} initialValues={q} />;
}
