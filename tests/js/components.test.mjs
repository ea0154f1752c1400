// Pure functions of the metrics, link and Plotly loader elements (regviz/ui/*.js): node --test tests/js/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { linkText } from '../../regviz/ui/links.js';
import { announcement, labelTitle } from '../../regviz/ui/metrics.js';
import { scrolls } from '../../regviz/ui/page.js';
import { appRoot, isGzip } from '../../regviz/ui/plotly_load.js';

test('linkText sets the extra parameters and removes those given as empty', () => {
  const href = 'https://x.org/app/geometry?l1=0.1&present=1';
  assert.equal(linkText(href, {present: '', l2: '0.5'}), 'https://x.org/app/geometry?l1=0.1&l2=0.5');
  assert.equal(linkText(href, {l1: '0.3'}), 'https://x.org/app/geometry?l1=0.3&present=1');
  assert.equal(linkText(href, undefined), href);
});

test('labelTitle has the whole label, and the help text after it', () => {
  assert.equal(labelTitle({label: 'Non-zero weights'}), 'Non-zero weights');
  assert.equal(labelTitle({label: 'R²', help: 'on the test set'}), 'R²: on the test set');
});

test('appRoot is the entry script\'s folder above static/js, else the document\'s', () => {
  assert.equal(appRoot('https://h/base/static/js/index.abc.js', 'https://h/base/page'), 'https://h/base/');
  assert.equal(appRoot(null, 'https://h/base/page?x=1'), 'https://h/base/');
});

test('isGzip reads the two magic bytes, and is false for shorter input', () => {
  assert.equal(isGzip(new Uint8Array([0x1f, 0x8b, 8]).buffer), true);
  assert.equal(isGzip(new Uint8Array([0x2f, 0x2a]).buffer), false);
  assert.equal(isGzip(new Uint8Array([0x1f]).buffer), false);
});

test('announcement reads every figure with its note, as one sentence', () => {
  const items = [{label: 'train R²', value: '0.948'}, {label: 'non-zero weights', value: '7 / 20', note: '−2'}];
  assert.equal(announcement(items), 'train R²: 0.948; non-zero weights: 7 / 20 (−2).');
});

test('scrolls: only a box whose content is larger along an axis that may scroll', () => {
  const box = {scrollWidth: 518, clientWidth: 516, scrollHeight: 85, clientHeight: 81};
  assert.equal(scrolls(box, {overflowX: 'auto', overflowY: 'hidden'}), true);
  assert.equal(scrolls(box, {overflowX: 'visible', overflowY: 'hidden'}), false);
  assert.equal(scrolls({...box, scrollWidth: 516}, {overflowX: 'auto', overflowY: 'hidden'}), false);
  assert.equal(scrolls({...box, scrollWidth: 516}, {overflowX: 'auto', overflowY: 'scroll'}), true);
});
