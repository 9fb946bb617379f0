import { describe, expect, it } from 'vitest';
import { resolveRecipients, type RecipientRow } from './recipientNames.js';

const row = (r: Partial<RecipientRow> & Pick<RecipientRow, 'kind' | 'role'>): RecipientRow =>
  ({ id: `r-${Math.random()}`, documentId: 'd', sortOrder: 0, positionId: null, unitId: null, groupId: null, externalName: null, externalAddress: null, externalEmail: null, ...r }) as RecipientRow;
const member = (m: { groupId: string; kind: 'position' | 'unit' | 'external'; positionId?: string; unitId?: string; externalName?: string }) => ({
  positionId: null,
  unitId: null,
  externalName: null,
  externalAddress: null,
  externalEmail: null,
  ...m,
});

describe('resolveRecipients', () => {
  it('units go to their head, groups to their members, tujuan beats tembusan, headless units are reported', () => {
    const out = resolveRecipients(
      [
        row({ kind: 'group', role: 'cc', groupId: 'g1' }),
        row({ kind: 'unit', role: 'to', unitId: 'u-dinas' }),
        row({ kind: 'unit', role: 'cc', unitId: 'u-kosong' }),
        row({ kind: 'position', role: 'to', positionId: 'p-camat' }),
        row({ kind: 'external', role: 'to', externalName: 'Kepala Kantor Pos' }),
      ],
      [
        member({ groupId: 'g1', kind: 'position', positionId: 'p-camat' }),
        member({ groupId: 'g1', kind: 'unit', unitId: 'u-dinas' }),
        member({ groupId: 'g1', kind: 'external', externalName: 'Ketua DPRD' }),
        member({ groupId: 'g2', kind: 'position', positionId: 'p-lain' }),
      ],
      [
        { id: 'p-kadis', unitId: 'u-dinas' },
        { id: 'p-kadis-2', unitId: 'u-dinas' },
      ],
    );
    expect([...out.positions]).toEqual([
      ['p-camat', 'to'],
      ['p-kadis', 'to'],
    ]);
    expect(out.headless).toEqual(['u-kosong']);
    expect(out.external.map((e) => [e.name, e.role])).toEqual([
      ['Ketua DPRD', 'cc'],
      ['Kepala Kantor Pos', 'to'],
    ]);
  });
});
