import type { ReactNode } from 'react';
import { GovernanceNav } from '@/components/governance/GovernanceNav';

export default function GovernanceLayout({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-6">
      <GovernanceNav />
      {children}
    </div>
  );
}
