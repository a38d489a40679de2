export {createDiffOutput, type DiffOutput, type DiffOutputOptions, type DiffOutputStats} from './diff-output.js';
export {diffScreens} from './diff-screens.js';
export {readCells, screenText, type Cell, type Pen, type Screen} from './cells.js';
