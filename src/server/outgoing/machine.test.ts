import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chainError, decide, initialState, invariantViolation, type Action, type Refusal, type Step, type WorkflowState } from './machine.js';

/** An independent statement of the SOP's preconditions (not the machine's code). */
function expectedRefusal(s: WorkflowState, a: Action): Refusal | null {
  const inChain = s.status === 'in_verification' || s.status === 'awaiting_signature';
  switch (a.type) {
    case 'submit':
      return s.status === 'draft' || s.status === 'returned' ? null : 'NOT_SUBMITTABLE';
    case 'approve':
      return s.status !== 'in_verification' ? 'NOT_IN_VERIFICATION' : s.currentStep !== a.step ? 'NOT_CURRENT_STEP' : null;
    case 'sign':
      return s.status !== 'awaiting_signature' ? 'NOT_AWAITING_SIGNATURE' : s.currentStep !== a.step ? 'NOT_CURRENT_STEP' : null;
    case 'return':
      if (!inChain) return 'NOT_IN_VERIFICATION';
      if (s.currentStep !== a.step) return 'NOT_CURRENT_STEP';
      return a.to === 'drafter' || (a.to >= 1 && a.to < a.step) ? null : 'RETURN_TARGET_INVALID';
    case 'deliver':
      return s.status === 'signed' ? null : 'NOT_SIGNED';
    case 'cancel':
      return s.status === 'draft' || s.status === 'returned' || inChain ? null : 'NOT_CANCELLABLE';
  }
}

const chain = (verifiers: number): Array<Pick<Step, 'order' | 'kind'>> => [
  ...Array.from({ length: verifiers }, (_, i) => ({ order: i + 1, kind: 'verify' as const })),
  { order: verifiers + 1, kind: 'sign' as const },
];

function run(state: WorkflowState, actions: Action[]): WorkflowState {
  for (const a of actions) {
    const d = decide(state, a);
    if (!d.ok) throw new Error(`${a.type} refused: ${d.refusal}`);
    state = d.state;
  }
  return state;
}

describe('workflow state machine', () => {
  it('walks seed 000: Kabag → Asisten → Sekda → Wakil Bupati → Bupati signs', () => {
    let s = initialState(chain(4));
    s = run(s, [{ type: 'submit' }]);
    expect(s).toMatchObject({ status: 'in_verification', currentStep: 1 });
    s = run(s, [1, 2, 3, 4].map((step) => ({ type: 'approve' as const, step })));
    expect(s).toMatchObject({ status: 'awaiting_signature', currentStep: 5 });
    s = run(s, [{ type: 'sign', step: 5 }, { type: 'deliver' }]);
    expect(s.status).toBe('delivered');
    expect(s.steps.map((x) => x.status)).toEqual(['approved', 'approved', 'approved', 'approved', 'signed']);
  });

  it('returns to an earlier verifier: he and everyone after him look again', () => {
    let s = run(initialState(chain(3)), [{ type: 'submit' }, { type: 'approve', step: 1 }, { type: 'approve', step: 2 }]);
    s = run(s, [{ type: 'return', step: 3, to: 2 }]);
    expect(s).toMatchObject({ status: 'in_verification', currentStep: 2 });
    expect(s.steps.map((x) => x.status)).toEqual(['approved', 'current', 'pending', 'pending']);
    expect(decide(s, { type: 'approve', step: 3 })).toEqual({ ok: false, refusal: 'NOT_CURRENT_STEP' });
  });

  it('the signer may return to the drafter; resubmission restarts at the first verifier', () => {
    let s = run(initialState(chain(2)), [{ type: 'submit' }, { type: 'approve', step: 1 }, { type: 'approve', step: 2 }]);
    s = run(s, [{ type: 'return', step: 3, to: 'drafter' }]);
    expect(s).toMatchObject({ status: 'returned', currentStep: null });
    s = run(s, [{ type: 'submit' }]);
    expect(s).toMatchObject({ status: 'in_verification', currentStep: 1 });
  });

  it('refuses impossible actions with a reason', () => {
    const draft = initialState(chain(1));
    expect(decide(draft, { type: 'approve', step: 1 })).toEqual({ ok: false, refusal: 'NOT_IN_VERIFICATION' });
    expect(decide(draft, { type: 'sign', step: 2 })).toEqual({ ok: false, refusal: 'NOT_AWAITING_SIGNATURE' });
    const inV = run(draft, [{ type: 'submit' }]);
    expect(decide(inV, { type: 'return', step: 1, to: 1 })).toEqual({ ok: false, refusal: 'RETURN_TARGET_INVALID' });
    expect(decide(inV, { type: 'sign', step: 1 })).toEqual({ ok: false, refusal: 'NOT_AWAITING_SIGNATURE' });
    const signed = run(inV, [{ type: 'approve', step: 1 }, { type: 'sign', step: 2 }]);
    expect(decide(signed, { type: 'cancel' })).toEqual({ ok: false, refusal: 'NOT_CANCELLABLE' });
    expect(decide(signed, { type: 'submit' })).toEqual({ ok: false, refusal: 'NOT_SUBMITTABLE' });
  });

  it('a chain with only a signer goes straight to awaiting signature', () => {
    expect(run(initialState(chain(0)), [{ type: 'submit' }])).toMatchObject({ status: 'awaiting_signature', currentStep: 1 });
  });

  it('validates chains', () => {
    expect(chainError(chain(2))).toBeNull();
    expect(chainError([])).not.toBeNull();
    expect(chainError([{ order: 1, kind: 'sign' }, { order: 2, kind: 'verify' }])).not.toBeNull();
    expect(chainError([{ order: 1, kind: 'verify' }, { order: 3, kind: 'sign' }])).not.toBeNull();
  });

  const arbAction = (n: number): fc.Arbitrary<Action> =>
    fc.oneof(
      fc.constant<Action>({ type: 'submit' }),
      fc.integer({ min: 1, max: n }).map((step): Action => ({ type: 'approve', step })),
      fc.integer({ min: 1, max: n }).chain((step) =>
        fc.oneof(fc.constant<'drafter'>('drafter'), fc.integer({ min: 0, max: n })).map((to): Action => ({ type: 'return', step, to })),
      ),
      fc.integer({ min: 1, max: n }).map((step): Action => ({ type: 'sign', step })),
      fc.constant<Action>({ type: 'deliver' }),
      fc.constant<Action>({ type: 'cancel' }),
    );

  it('random action sequences never reach an invalid state and never skip a verifier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }).chain((v) => fc.tuple(fc.constant(v), fc.array(arbAction(v + 1), { maxLength: 60 }))),
        ([verifiers, actions]) => {
          let state = initialState(chain(verifiers));
          // Approvals since the last (re)submission or return, in order, per step.
          let approvedSinceSubmit = new Set<number>();
          for (const action of actions) {
            const d = decide(state, action);
            // The machine refuses exactly what the SOP forbids, with the reason the user is shown.
            expect(d.ok ? null : d.refusal).toBe(expectedRefusal(state, action));
            if (!d.ok) continue;
            const before = state;
            state = d.state;
            expect(invariantViolation(state)).toBeNull();
            if (action.type === 'submit') approvedSinceSubmit = new Set();
            if (action.type === 'approve') {
              // Only the current step approves, and every earlier verifier already did.
              expect(before.currentStep).toBe(action.step);
              for (let k = 1; k < action.step; k++) expect(approvedSinceSubmit.has(k)).toBe(true);
              approvedSinceSubmit.add(action.step);
            }
            if (action.type === 'return' && action.to !== 'drafter') {
              for (let k = action.to; k <= verifiers; k++) approvedSinceSubmit.delete(k);
            }
            if (action.type === 'sign') {
              for (let k = 1; k <= verifiers; k++) expect(approvedSinceSubmit.has(k)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
