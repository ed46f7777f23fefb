import { PageHeader } from '../../shared/page-header';

export function InvoicePage() {
  return <PageHeader title="Invoice" />;
}
