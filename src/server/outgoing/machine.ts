// The outgoing-document workflow as a pure state machine: no database, no clock.
//
//   draft ──submit──▶ in_verification (step 1 … n-1) ──approve──▶ … ──▶ awaiting_signature (step n)
//     ▲                  │  return(to drafter | earlier verifier)         │ sign
//     └── returned ◀─────┘◀─────────────── return (by the signer) ────────┤
//                                                                          ▼
//   cancelled ◀── cancel (drafter, before signing)                       signed ──deliver──▶ delivered
//
// A chain is the ordered steps: verifiers (kind "verify") then exactly one signer (kind
// "sign") last. A submit always restarts the chain at step 1, so no verifier is skipped.

export type Status = 'draft' | 'in_verification' | 'awaiting_signature' | 'signed' | 'delivered' | 'returned' | 'cancelled';
export type StepKind = 'verify' | 'sign';
export type StepStatus = 'pending' | 'current' | 'approved' | 'signed';

export interface Step {
  order: number; // 1-based
  kind: StepKind;
  status: StepStatus;
}

export interface WorkflowState {
  status: Status;
  currentStep: number | null;
  steps: Step[];
}

export type Action =
  | { type: 'submit' }
  | { type: 'approve'; step: number }
  | { type: 'return'; step: number; to: 'drafter' | number }
  | { type: 'sign'; step: number }
  | { type: 'deliver' }
  | { type: 'cancel' };

/** Why an action is impossible; each maps to an AppError code with an Indonesian message. */
export type Refusal =
  | 'CHAIN_INVALID'
  | 'NOT_SUBMITTABLE'
  | 'NOT_IN_VERIFICATION'
  | 'NOT_AWAITING_SIGNATURE'
  | 'NOT_CURRENT_STEP'
  | 'WRONG_STEP_KIND'
  | 'RETURN_TARGET_INVALID'
  | 'NOT_SIGNED'
  | 'NOT_CANCELLABLE';

export type Decision = { ok: true; state: WorkflowState } | { ok: false; refusal: Refusal };

/** A chain is valid when orders are 1..n, the last step is the only signer and there is one. */
export function chainError(steps: ReadonlyArray<Pick<Step, 'order' | 'kind'>>): string | null {
  if (steps.length === 0) return 'Rantai harus berisi penandatangan.';
  for (const [i, s] of steps.entries()) {
    if (s.order !== i + 1) return 'Urutan langkah harus 1..n tanpa celah.';
  }
  const signers = steps.filter((s) => s.kind === 'sign').length;
  if (signers !== 1 || steps[steps.length - 1]!.kind !== 'sign') return 'Penandatangan harus tepat satu dan berada di akhir rantai.';
  return null;
}

export function initialState(steps: ReadonlyArray<Pick<Step, 'order' | 'kind'>>): WorkflowState {
  return { status: 'draft', currentStep: null, steps: steps.map((s) => ({ order: s.order, kind: s.kind, status: 'pending' })) };
}

function statusForStep(step: Step): Status {
  return step.kind === 'sign' ? 'awaiting_signature' : 'in_verification';
}

function withSteps(state: WorkflowState, f: (s: Step) => StepStatus): Step[] {
  return state.steps.map((s) => ({ ...s, status: f(s) }));
}

export function decide(state: WorkflowState, action: Action): Decision {
  if (chainError(state.steps)) return { ok: false, refusal: 'CHAIN_INVALID' };
  const current = state.currentStep === null ? undefined : state.steps[state.currentStep - 1];

  switch (action.type) {
    case 'submit': {
      if (state.status !== 'draft' && state.status !== 'returned') return { ok: false, refusal: 'NOT_SUBMITTABLE' };
      const first = state.steps[0]!;
      return {
        ok: true,
        state: { status: statusForStep(first), currentStep: 1, steps: withSteps(state, (s) => (s.order === 1 ? 'current' : 'pending')) },
      };
    }
    case 'approve': {
      if (state.status !== 'in_verification') return { ok: false, refusal: 'NOT_IN_VERIFICATION' };
      if (!current || current.order !== action.step) return { ok: false, refusal: 'NOT_CURRENT_STEP' };
      if (current.kind !== 'verify') return { ok: false, refusal: 'WRONG_STEP_KIND' };
      const next = state.steps[current.order]!; // a verifier is never last: the signer follows
      return {
        ok: true,
        state: {
          status: statusForStep(next),
          currentStep: next.order,
          steps: withSteps(state, (s) => (s.order === current.order ? 'approved' : s.order === next.order ? 'current' : s.status)),
        },
      };
    }
    case 'return': {
      if (state.status !== 'in_verification' && state.status !== 'awaiting_signature') return { ok: false, refusal: 'NOT_IN_VERIFICATION' };
      if (!current || current.order !== action.step) return { ok: false, refusal: 'NOT_CURRENT_STEP' };
      if (action.to === 'drafter') {
        return { ok: true, state: { status: 'returned', currentStep: null, steps: withSteps(state, () => 'pending') } };
      }
      const target = state.steps[action.to - 1];
      if (!target || action.to >= current.order || target.kind !== 'verify') return { ok: false, refusal: 'RETURN_TARGET_INVALID' };
      // The earlier verifier looks again; everyone after him too.
      return {
        ok: true,
        state: {
          status: 'in_verification',
          currentStep: target.order,
          steps: withSteps(state, (s) => (s.order < target.order ? s.status : s.order === target.order ? 'current' : 'pending')),
        },
      };
    }
    case 'sign': {
      if (state.status !== 'awaiting_signature') return { ok: false, refusal: 'NOT_AWAITING_SIGNATURE' };
      if (!current || current.order !== action.step) return { ok: false, refusal: 'NOT_CURRENT_STEP' };
      if (current.kind !== 'sign') return { ok: false, refusal: 'WRONG_STEP_KIND' };
      return { ok: true, state: { status: 'signed', currentStep: null, steps: withSteps(state, (s) => (s.order === current.order ? 'signed' : s.status)) } };
    }
    case 'deliver': {
      if (state.status !== 'signed') return { ok: false, refusal: 'NOT_SIGNED' };
      return { ok: true, state: { ...state, status: 'delivered' } };
    }
    case 'cancel': {
      if (!['draft', 'returned', 'in_verification', 'awaiting_signature'].includes(state.status)) return { ok: false, refusal: 'NOT_CANCELLABLE' };
      return { ok: true, state: { status: 'cancelled', currentStep: null, steps: withSteps(state, (s) => (s.status === 'current' ? 'pending' : s.status)) } };
    }
  }
}

/** Invariants every reachable state satisfies (used by the property test and as a guard). */
export function invariantViolation(state: WorkflowState): string | null {
  const currents = state.steps.filter((s) => s.status === 'current');
  const inChain = state.status === 'in_verification' || state.status === 'awaiting_signature';
  if (inChain) {
    if (state.currentStep === null || currents.length !== 1 || currents[0]!.order !== state.currentStep) return 'exactly one current step in the chain';
    const cur = currents[0]!;
    if (statusForStep(cur) !== state.status) return 'status matches the kind of the current step';
    if (state.steps.some((s) => s.order < cur.order && s.status !== 'approved')) return 'every step before the current one is approved';
    if (state.steps.some((s) => s.order > cur.order && s.status !== 'pending')) return 'every step after the current one is pending';
  } else {
    if (state.currentStep !== null || currents.length) return 'no current step outside the chain';
  }
  if (state.status === 'signed' || state.status === 'delivered') {
    if (state.steps.some((s) => (s.kind === 'verify' ? s.status !== 'approved' : s.status !== 'signed'))) return 'a signed document has every verifier approved and the signer signed';
  }
  if ((state.status === 'draft' || state.status === 'returned') && state.steps.some((s) => s.status !== 'pending')) return 'a draft has no progress';
  return null;
}

/** Actions the holder of `step` (or the drafter) could take now; the UI shows these buttons. */
export function availableActions(state: WorkflowState, who: { isDrafter: boolean; stepOrder: number | null }): Array<Action['type'] | 'edit_and_approve'> {
  const out: Array<Action['type'] | 'edit_and_approve'> = [];
  if (who.isDrafter) {
    if (decide(state, { type: 'submit' }).ok) out.push('submit');
    if (decide(state, { type: 'cancel' }).ok) out.push('cancel');
  }
  if (who.stepOrder !== null && state.currentStep === who.stepOrder) {
    if (decide(state, { type: 'approve', step: who.stepOrder }).ok) out.push('approve', 'edit_and_approve');
    if (decide(state, { type: 'sign', step: who.stepOrder }).ok) out.push('sign');
    if (decide(state, { type: 'return', step: who.stepOrder, to: 'drafter' }).ok) out.push('return');
  }
  return out;
}
