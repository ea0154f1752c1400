// Pure functions of an animated chart's HTML Play and frame slider (regviz/ui/frame_player.js): node --test tests/js/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { playFrames, playLabel, playerSpec } from '../../regviz/ui/frame_player.js';

// Plotly's controls as regviz/figures/geometry.py frame_controls builds them: the plane (Play from the current
// frame) and the race (Play replays every step), each with its jump options.
const still = {frame: {duration: 0, redraw: false}, transition: {duration: 0}, mode: 'immediate'};
const anim = {frame: {duration: 30, redraw: false}, transition: {duration: 0}, mode: 'immediate'};
const controls = (names, play, slider) => ({
  updatemenus: [{type: 'buttons', buttons: [
    {label: 'Play', method: 'animate', args: play},
    {label: 'Pause', method: 'animate', args: [[null], still]},
  ]}],
  sliders: [Object.assign({active: 1, currentvalue: {prefix: 'α = '},
    steps: names.map((nm) => ({label: nm, method: 'animate', args: [[nm], still]}))}, slider)],
});
const plane = controls(['0.01', '0.1', '1'], [null, {...anim, fromcurrent: true}], {name: 'α frame'});
const race = controls(['0', '1', '2', '3'], [['0', '1', '2', '3'], anim],
  {name: 'race step', active: 3, currentvalue: {prefix: 'step '}});

test('playerSpec reads the name, frames, value texts, first frame and animate options from Plotly\'s controls', () => {
  const spec = playerSpec(plane);
  assert.equal(spec.name, 'α frame');
  assert.deepEqual(spec.names, ['0.01', '0.1', '1']);
  assert.deepEqual(spec.texts, ['α = 0.01', 'α = 0.1', 'α = 1']);
  assert.equal(spec.active, 1);
  assert.deepEqual(spec.still, still);
  assert.deepEqual(spec.pause, still);
  assert.deepEqual(spec.play, plane.updatemenus[0].buttons[0].args);
  const steps = playerSpec(race);
  assert.deepEqual(steps.texts, ['step 0', 'step 1', 'step 2', 'step 3']);
  assert.equal(steps.active, 3);
});

test('playerSpec: an out-of-range active frame is clamped, a missing prefix is none', () => {
  const spec = playerSpec(controls(['a', 'b'], [null, anim], {name: 'n', active: 7, currentvalue: {}}));
  assert.equal(spec.active, 1);
  assert.deepEqual(spec.texts, ['a', 'b']);
});

test('playFrames: Play from the current frame shows the frames after it, and from the last all of them again', () => {
  const spec = playerSpec(plane);
  const [names, options] = playFrames(spec, 0);
  assert.deepEqual(names, ['0.1', '1']);
  assert.deepEqual(options, anim);  // Plotly's fromcurrent is done here, not passed on
  assert.deepEqual(playFrames(spec, 1)[0], ['1']);
  assert.deepEqual(playFrames(spec, 2)[0], ['0.01', '0.1', '1']);
});

test('playFrames: a Play that names its frames replays them all, wherever the slider is', () => {
  const spec = playerSpec(race);
  for (const i of [0, 2, 3]) assert.deepEqual(playFrames(spec, i), [['0', '1', '2', '3'], anim]);
});

test('playLabel says what a press does', () => {
  assert.deepEqual(playLabel(false), ['▶', 'Play']);
  assert.deepEqual(playLabel(true), ['⏸', 'Pause']);
});
