import { MinerDashboard } from '@/components/miner/MinerDashboard';

export default function Page() {
  return <MinerDashboard />;
}
