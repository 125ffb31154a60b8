import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * Live updates: the server's event stream (SSE) of changes to cases the user can read. Each
 * message refreshes the inbox lists, the counts and that case; EventSource reconnects by itself.
 */
export function useLiveCases(onCase?: (caseId: string) => void) {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/helpdesk/stream', { withCredentials: true });
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(false);
    es.addEventListener('case', (ev) => {
      try {
        const m = JSON.parse((ev as MessageEvent<string>).data) as { caseId: string };
        qc.invalidateQueries({ queryKey: ['helpdesk', 'cases'] });
        qc.invalidateQueries({ queryKey: ['helpdesk', 'inbox'] });
        qc.invalidateQueries({ queryKey: ['helpdesk', 'case', m.caseId] });
        onCase?.(m.caseId);
      } catch {
        // a malformed message is ignored
      }
    });
    return () => es.close();
  }, [qc, onCase]);
  return connected;
}
