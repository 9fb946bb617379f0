// "Balas": the compose page opened with ?balas=<incoming letter> starts with the letter's hal,
// classification and sender as the addressee; the new draft is linked to the letter.
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { RecipientDraft } from '../documents/compose/RecipientsEditor';

interface MetaLike {
  hal: string;
  classificationCode: string | null;
}

export function useReplyPrefill<M extends MetaLike>(setMeta: (f: (m: M) => M) => void, setRecipients: (r: RecipientDraft[]) => void): string | null {
  const [params] = useSearchParams();
  const letterId = params.get('balas');
  const done = useRef(false);
  useEffect(() => {
    if (!letterId || done.current) return;
    done.current = true;
    void unwrap(api.GET('/api/v1/incoming-letters/{id}', { params: { path: { id: letterId } } }))
      .then((l) => {
        setMeta((m) => ({ ...m, hal: `Balasan atas surat ${l.letterNumber ?? ''} perihal ${l.hal ?? ''}`.trim(), classificationCode: l.classificationCode ?? m.classificationCode }));
        const name = [l.senderJabatan, l.senderInstansi].filter(Boolean).join(' ');
        setRecipients([{ key: `to:external:${name}`, role: 'to', kind: 'external', externalName: name, externalAddress: l.senderAddress, externalEmail: l.senderEmail, label: name }]);
      })
      .catch(() => {});
  }, [letterId, setMeta, setRecipients]);
  return letterId;
}

export async function linkReplyTo(letterId: string, documentId: string): Promise<void> {
  await unwrap(api.POST('/api/v1/incoming-letters/{id}/replies', { params: { path: { id: letterId } }, body: { documentId } }));
}
