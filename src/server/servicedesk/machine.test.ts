import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMAIL_SERVICE_KEY, shippedCatalogue } from './catalogue.js';
import { availableActions, decide, isDone, TICKET_STATUSES, type Capacity, type TicketAction, type TicketState } from './machine.js';

const entry = shippedCatalogue.find((e) => e.key === EMAIL_SERVICE_KEY)!;
const all = new Set<Capacity>(['applicant', 'step_actor', 'admin_email', 'system']);
const full = Object.fromEntries(entry.checklist.map((i) => [i.key, true]));
const start: TicketState = { status: 'in_progress', step: 2, returnedFromStep: null };

const arbAction: fc.Arbitrary<TicketAction> = fc.oneof(
  fc.constant({ type: 'dispose' } as const),
  fc.record({ checklist: fc.dictionary(fc.constantFrom(...entry.checklist.map((i) => i.key)), fc.boolean()) }).map((r) => ({ type: 'accept' as const, ...r })),
  fc.string({ maxLength: 3 }).map((reason) => ({ type: 'return' as const, reason })),
  fc.constant({ type: 'resubmit' } as const),
  fc.constant({ type: 'provision' } as const),
  fc.constant({ type: 'provisioned' } as const),
  fc.constant({ type: 'provision_failed', message: 'down' } as const),
  fc.constant({ type: 'resend_activation' } as const),
  fc.constant({ type: 'activate' } as const),
  fc.constant({ type: 'suspend' } as const),
  fc.constant({ type: 'unsuspend' } as const),
  fc.constant({ type: 'reset' } as const),
  fc.constant({ type: 'close_account' } as const),
  fc.string({ maxLength: 3 }).map((reason) => ({ type: 'cancel' as const, reason })),
);
const arbCaps = fc.subarray(['applicant', 'step_actor', 'admin_email', 'system'] as Capacity[]).map((a) => new Set(a));

describe('service ticket machine', () => {
  it('walks the SOP: 2 → 3 → 4 (checklist) → 5 (job) → 6 (activation) → 7', () => {
    let s = start;
    const step = (a: TicketAction) => {
      const d = decide(entry, s, a, all);
      if (!d.ok) throw new Error(`${a.type}: ${d.reason}`);
      s = d.next;
      return d.effects;
    };
    step({ type: 'dispose' });
    expect(s.step).toBe(3);
    step({ type: 'dispose' });
    expect(s.step).toBe(4);
    expect(decide(entry, s, { type: 'accept', checklist: { ...full, letter_signed: false } }, all)).toEqual({ ok: false, reason: 'CHECKLIST_INCOMPLETE' });
    expect(step({ type: 'return', reason: 'Surat belum ditandatangani' })).toEqual([{ kind: 'notify_applicant', template: 'returned' }]);
    expect(s).toEqual({ status: 'returned', step: 4, returnedFromStep: 4 });
    step({ type: 'resubmit' });
    expect(s).toEqual({ status: 'in_progress', step: 4, returnedFromStep: null });
    step({ type: 'accept', checklist: full });
    expect(s.step).toBe(5);
    expect(step({ type: 'provision' })).toEqual([{ kind: 'provision_account' }]);
    expect(step({ type: 'provisioned' })).toEqual([{ kind: 'send_activation' }]);
    expect(s).toMatchObject({ status: 'awaiting_activation', step: 6 });
    step({ type: 'activate' });
    expect(s).toMatchObject({ status: 'active', step: 7 });
  });

  it('every action needs its capacity: a Kabid cannot create the account, an applicant cannot dispose', () => {
    expect(decide(entry, start, { type: 'dispose' }, new Set(['applicant']))).toEqual({ ok: false, reason: 'NOT_YOUR_STEP' });
    expect(decide(entry, { ...start, step: 5 }, { type: 'activate' }, new Set(['step_actor']))).toEqual({ ok: false, reason: 'NOT_YOUR_STEP' });
  });

  it('properties: steps stay in the catalogue; active only after the account was made; done is final except by the admin', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(arbAction, arbCaps), { maxLength: 40 }), (seq) => {
        let s = start;
        let provisioned = false;
        for (const [a, caps] of seq) {
          const before = s;
          const d = decide(entry, s, a, caps);
          if (!d.ok) continue;
          s = d.next;
          // Capacity is never bypassed.
          expect(caps.size).toBeGreaterThan(0);
          expect(entry.steps.some((x) => x.no === s.step)).toBe(true);
          expect(TICKET_STATUSES).toContain(s.status);
          if (a.type === 'provisioned') provisioned = true;
          // No ticket is done (active) unless an account was reported made.
          if (s.status === 'active') expect(provisioned).toBe(true);
          // A provisioning job is asked for exactly by 'provision'.
          expect(d.effects.some((e) => e.kind === 'provision_account')).toBe(a.type === 'provision');
          // Forward only, except a reset (back to activation) or a resubmission after a return from the account step.
          if (a.type !== 'reset' && a.type !== 'resubmit') expect(s.step).toBeGreaterThanOrEqual(before.step);
          // Closed and cancelled tickets accept nothing afterwards.
          if (before.status === 'closed' || before.status === 'cancelled') throw new Error(`${a.type} accepted on ${before.status}`);
          if (isDone(before.status)) expect(['suspend', 'unsuspend', 'reset', 'close_account']).toContain(a.type);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('buttons come from the same machine', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TICKET_STATUSES), fc.integer({ min: 1, max: 7 }), arbCaps, (status, step, caps) => {
        const s: TicketState = { status, step, returnedFromStep: status === 'returned' ? 4 : null };
        for (const type of availableActions(entry, s, caps)) {
          const a = (type === 'accept' ? { type, checklist: full } : type === 'return' || type === 'cancel' ? { type, reason: 'alasan' } : { type }) as TicketAction;
          expect(decide(entry, s, a, caps).ok).toBe(true);
        }
      }),
    );
  });
});
