import { PageHeader } from '../../shared/page-header';

export function InvoicesPage() {
  return <PageHeader title="Invoices" />;
}
