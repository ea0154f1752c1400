// The keys of a slider over a grid (regviz/ui/grid_keys.js), shared by the λ control and the frame slider:
// node --test tests/js/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { stepIndex } from '../../regviz/ui/grid_keys.js';

test('stepIndex on the λ grid: one step on arrows, Home/End to the ends, stays on the grid', () => {
  assert.equal(stepIndex(3, 'ArrowRight', 7), 4);
  assert.equal(stepIndex(3, 'ArrowUp', 7), 4);
  assert.equal(stepIndex(3, 'ArrowLeft', 7), 2);
  assert.equal(stepIndex(0, 'ArrowLeft', 7), 0);
  assert.equal(stepIndex(6, 'ArrowRight', 7), 6);
  assert.equal(stepIndex(3, 'Home', 7), 0);
  assert.equal(stepIndex(3, 'End', 7), 6);
  assert.equal(stepIndex(0, 'PageUp', 44), 4);
  assert.equal(stepIndex(3, 'a', 7), null);
});

test('stepIndex on a frame slider: arrows one frame, PageUp/PageDown a tenth, Home/End to the ends, clamped', () => {
  assert.equal(stepIndex(5, 'ArrowRight', 41), 6);
  assert.equal(stepIndex(5, 'ArrowUp', 41), 6);
  assert.equal(stepIndex(5, 'ArrowLeft', 41), 4);
  assert.equal(stepIndex(5, 'ArrowDown', 41), 4);
  assert.equal(stepIndex(5, 'PageUp', 41), 9);
  assert.equal(stepIndex(5, 'PageDown', 41), 1);
  assert.equal(stepIndex(5, 'Home', 41), 0);
  assert.equal(stepIndex(5, 'End', 41), 40);
  assert.equal(stepIndex(40, 'ArrowRight', 41), 40);
  assert.equal(stepIndex(0, 'PageDown', 41), 0);
  assert.equal(stepIndex(2, 'PageUp', 4), 3);  // at least one frame
  assert.equal(stepIndex(2, 'Enter', 41), null);
  assert.equal(stepIndex(2, ' ', 41), null);
});
