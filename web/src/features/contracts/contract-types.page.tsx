import { PageHeader } from '../../shared/page-header';

export function ContractTypesPage() {
  return <PageHeader title="Contract types" description="Organisation-wide contract options." />;
}
