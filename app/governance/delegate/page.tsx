import { DelegatePanel } from '@/components/governance/DelegatePanel';

export default function Page() {
  return <DelegatePanel />;
}
