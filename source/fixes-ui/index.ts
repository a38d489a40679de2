// The fix flow UI: action menu, fix flow overlay (form, preview, confirm, outcome, undo), deployment
// watches. The shell holds it through useFixDesk; screens add `a` with useActionKeys.
export {useActionKeys} from './action-keys.js';
export {useFixDesk, type FixDesk, type FixDeskOptions} from './fix-desk.js';
export {confirmBlock, confirmRules, needsTypedName, readOnlyReason, type ConfirmRules} from './confirm-rules.js';
export {flowReducer, initialFlowState, type FlowAction, type FlowPhase, type FlowStart, type FlowState} from './flow-state.js';
export {deskReducer, initialDeskState, topPanel, type DeskAction, type DeskPanel, type DeskState} from './desk-state.js';
export {flowStartOf} from './resolve-request.js';
export {previewLines} from './preview-lines.js';
export {outcomeLines, notSentLines} from './outcome-lines.js';
export {watchLines} from './watch-lines.js';
export {createWaker, type Waker} from './waker.js';
