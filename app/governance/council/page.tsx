import { CouncilPanel } from '@/components/governance/CouncilPanel';

export default function Page() {
  return <CouncilPanel />;
}
