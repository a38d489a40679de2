// The output layer's entry: what the CLI and the bench import.
export {createDiffOutput} from './diff-output.js';
