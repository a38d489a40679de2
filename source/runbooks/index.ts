// The runbooks module: the tree model, the built-in ACSO runbook, the guide loader, the command
// parser, native diagnosis and the external runner.
export * from './model.js';
export type {FixHint, FixKind, FixTarget, FixParamValue} from './fix-hint.js';
export type {NativeCall, NativeOp, RelativeWindow, TimeRef} from './native-call.js';
export {resolveTime} from './native-call.js';
export {buildAcsoRunbook} from './acso-runbook.js';
export {GuideError, type GuideWarning, type LoadedGuide, loadGuide} from './guide-loader.js';
export {hasFlag, listValues, optionValue, parseCommand, type ParsedCommand, parseDimensions, parseShorthand} from './aws-command.js';
export {type NativeContext, type NativeResult, runNative, runNativeStep} from './native.js';
export {type ExternalOptions, type ExternalResult, prepareExternal, runExternal} from './external.js';
export {fillPlaceholders, findPlaceholders, type Placeholder} from './placeholders.js';
