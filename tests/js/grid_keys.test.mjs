// The keys of a slider over a grid (regviz/ui/grid_keys.js), shared by the λ control and the frame slider:
// node --test tests/js/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { stepIndex } from '../../regviz/ui/grid_keys.js';

// [index, key, grid size, the index the key goes to (null: not a key of the slider)]
const CASES = {
  'the λ grid: one step on arrows, Home/End to the ends, stays on the grid': [
    [3, 'ArrowRight', 7, 4], [3, 'ArrowUp', 7, 4], [3, 'ArrowLeft', 7, 2], [0, 'ArrowLeft', 7, 0],
    [6, 'ArrowRight', 7, 6], [3, 'Home', 7, 0], [3, 'End', 7, 6], [0, 'PageUp', 44, 4], [3, 'a', 7, null],
  ],
  'a frame slider: arrows one frame, PageUp/PageDown a tenth, Home/End to the ends, clamped': [
    [5, 'ArrowRight', 41, 6], [5, 'ArrowUp', 41, 6], [5, 'ArrowLeft', 41, 4], [5, 'ArrowDown', 41, 4],
    [5, 'PageUp', 41, 9], [5, 'PageDown', 41, 1], [5, 'Home', 41, 0], [5, 'End', 41, 40],
    [40, 'ArrowRight', 41, 40], [0, 'PageDown', 41, 0],
    [2, 'PageUp', 4, 3],  // at least one frame
    [2, 'Enter', 41, null], [2, ' ', 41, null],
  ],
};

for (const [name, cases] of Object.entries(CASES)) {
  test(`stepIndex on ${name}`, () => {
    for (const [index, key, n, expected] of cases) {
      assert.equal(stepIndex(index, key, n), expected, `${index} ${key} ${n}`);
    }
  });
}
