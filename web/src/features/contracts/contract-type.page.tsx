import { PageHeader } from '../../shared/page-header';

export function ContractTypePage() {
  return <PageHeader title="Contract type" />;
}
