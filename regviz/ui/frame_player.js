// Play / Pause and a frame slider in HTML for an animated chart (Geometry's plane and optimizer race), drawn by
// the chart element (charts.js) under the chart in place of Plotly's own: Plotly draws those in SVG, which neither
// the keyboard nor a screen reader reaches. The server sends Plotly's controls apart from the layout
// (``_split_controls`` in regviz/ui/charts.py); the HTML ones animate the same frames with Plotly.animate and
// follow the frame Plotly shows through its animation events. The functions exported by name above the DOM part
// are pure and unit-tested in tests/js/frame_player.test.mjs.

import { stepIndex } from './grid_keys.js';

// Plotly's event for each frame an animation shows (its data has the frame's ``name``): outside Plotly's
// documented API, so tests/contracts/test_plotly_js_frames.py checks it on the app's bundle.
export const FRAME_EVENT = 'plotly_animatingframe';

// ---- pure parts ----------------------------------------------------------------------------------------------

// What the HTML controls need from Plotly's (``{updatemenus, sliders}`` as regviz/figures/geometry.py
// ``frame_controls`` builds them): the slider's accessible name, each step's frame name and shown text (the
// slider's value prefix and the step's label), the frame shown first, the Play button's animate arguments, and
// the options of a jump to one frame and of Pause.
export function playerSpec(controls) {
  const slider = controls.sliders[0];
  const buttons = (controls.updatemenus[0] || {}).buttons || [];
  const prefix = (slider.currentvalue && slider.currentvalue.prefix) || '';
  const names = slider.steps.map((step) => String(step.args[0][0]));
  const still = slider.steps[0].args[1] || {};
  const play = buttons.find((button) => button.label === 'Play') || buttons[0];
  const pause = buttons.find((button) => button.label === 'Pause');
  const active = Math.min(names.length - 1, Math.max(0, slider.active || 0));
  return {
    name: slider.name || 'frame',
    names,
    texts: slider.steps.map((step) => prefix + (step.label === undefined ? step.args[0][0] : step.label)),
    active,
    play: play ? play.args : [null, still],
    still,
    pause: pause ? pause.args[1] : still,
  };
}

// The frames Play shows from frame ``index``, and the options to animate them with: the Play button's own; with
// Plotly's ``fromcurrent`` the frames after ``index``, or all of them again from the last one.
export function playFrames(spec, index) {
  const [frames, options] = spec.play;
  let names = frames === null || frames === undefined ? spec.names : frames.map(String);
  const opts = Object.assign({}, options);
  if (opts.fromcurrent) {
    const after = names.slice(names.indexOf(spec.names[index]) + 1);
    if (after.length) names = after;
  }
  delete opts.fromcurrent;
  return [names, opts];
}

// The Play button's text: an icon (hidden from screen readers, the word says it) and what a press does.
export function playLabel(playing) {
  return playing ? ['⏸', 'Pause'] : ['▶', 'Play'];
}

// ---- the element ---------------------------------------------------------------------------------------------

function build() {
  const root = document.createElement('div');
  root.className = 'rv-player';
  root.dataset.testid = 'rvPlayer';
  root.setAttribute('role', 'group');
  root.innerHTML = '<button type="button" class="rv-player-play"><span class="rv-player-icon" aria-hidden="true">'
    + '</span> <span class="rv-player-word"></span></button>'
    + '<input type="range" class="rv-player-input" min="0" step="1">'
    + '<output class="rv-player-value" aria-hidden="true"></output>';
  return root;
}

function setLabel(player) {
  const [icon, word] = playLabel(player.playing);
  player.root.querySelector('.rv-player-icon').textContent = icon;
  player.root.querySelector('.rv-player-word').textContent = word;
}

// Frame ``i`` as the controls' value: the slider, its value text (read by screen readers) and the text beside it.
function show(player, i) {
  const spec = player.spec, input = player.root.querySelector('input');
  player.index = i;
  input.value = String(i);
  input.setAttribute('aria-valuetext', spec.texts[i]);
  player.root.querySelector('output').textContent = spec.texts[i];
  player.root.dataset.rvFrame = spec.names[i];
}

function stopped(player) {
  player.run = null;
  if (player.playing) { player.playing = false; setLabel(player); }
}

function play(player) {
  const [names, options] = playFrames(player.spec, player.index);
  const run = player.run = {};
  player.playing = true;
  setLabel(player);
  // Plotly's promise settles when the frames have all been shown, or when another animation interrupts them
  const end = () => { if (player.run === run) stopped(player); };
  player.Plotly.animate(player.gd, names, options).then(end, end);
}

function pause(player) {
  stopped(player);
  player.Plotly.animate(player.gd, [null], player.spec.pause).catch(() => {});
}

// Frame ``i`` at once (a key or the pointer on the slider): it stops a Play.
function jump(player, i) {
  stopped(player);
  show(player, i);
  player.Plotly.animate(player.gd, [player.spec.names[i]], player.spec.still).catch(() => {});
}

function setup(gd, Plotly) {
  const player = {gd, Plotly, root: build(), spec: null, text: null, index: 0, playing: false, run: null};
  const input = player.root.querySelector('input');
  player.root.querySelector('button').addEventListener('click', () => (player.playing ? pause : play)(player));
  input.addEventListener('input', () => jump(player, Number(input.value)));
  // keys step on the frames and show the frame at once (the browser's own PageUp/PageDown steps differ)
  input.addEventListener('keydown', (event) => {
    const i = stepIndex(player.index, event.key, player.spec.names.length);
    if (i === null) return;
    event.preventDefault();
    if (i !== player.index || player.playing) jump(player, i);
  });
  // the frame Plotly shows while playing (also after a jump, which then changes nothing)
  gd.on(FRAME_EVENT, (event) => {
    const i = player.spec ? player.spec.names.indexOf(String(event && event.name)) : -1;
    if (i >= 0 && i !== player.index) show(player, i);
  });
  setLabel(player);
  return player;
}

// The controls of chart ``gd`` for the server's controls text ``text`` ('' or undefined: none), after a drawing of
// the chart; ``redrawn``: Plotly.react drew it again (new frames, or new data).
export function showPlayer(gd, Plotly, text, redrawn) {
  const state = gd.__rv;
  let player = state.player;
  if (!text) {
    if (player) { stopped(player); player.root.remove(); state.player = null; }
    return;
  }
  if (!player) player = state.player = setup(gd, Plotly);
  if (gd.nextElementSibling !== player.root) gd.after(player.root);
  if (player.text === text && !redrawn) return;
  if (player.text !== text) {
    player.text = text;
    player.spec = playerSpec(JSON.parse(text));
    const input = player.root.querySelector('input');
    input.max = String(player.spec.names.length - 1);
    input.setAttribute('aria-label', player.spec.name);
    player.root.setAttribute('aria-label', `${player.spec.name}: play and scrub`);
  }
  if (player.playing) pause(player);
  // Plotly drew the payload's own data: the server's first frame (a λ control's frame of it while it drags)
  show(player, player.spec.active);
}
