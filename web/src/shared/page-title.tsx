import { useEffect } from 'react';

/** Sets the browser tab's title for the page on screen ("Audit trail · Carebook"). */
export function PageTitle({ title }: { title: string }) {
  useEffect(() => {
    document.title = title ? `${title} · Carebook` : 'Carebook';
  }, [title]);
  return null;
}
