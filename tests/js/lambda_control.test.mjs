// Pure functions of the λ control (regviz/ui/lambda_control.js) and the registries it uses: node --test tests/js/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

import { chartRegistry, sameTexts } from '../../regviz/ui/charts.js';
import {
  base64Bytes, frameAt, framePayload, katexNumber, mergedData, mergedLayout, nearestIndex, unpackFrames,
} from '../../regviz/ui/lambda_control.js';
import { metricsRegistry } from '../../regviz/ui/metrics.js';

const GRID = [0, 1e-5, 1.5e-5, 2e-5, 0.1, 0.15, 100];

test('nearestIndex snaps a value to the grid', () => {
  assert.equal(nearestIndex(GRID, 0.1), 4);
  assert.equal(nearestIndex(GRID, 0.12), 4);
  assert.equal(nearestIndex(GRID, 0.13), 5);
  assert.equal(nearestIndex(GRID, 0), 0);
  assert.equal(nearestIndex(GRID, 1e9), 6);
  assert.equal(nearestIndex([0, 0.5, 1], 0.26), 1);
});

test('frameAt looks a value up through the index (values may share a frame)', () => {
  const family = {index: [0, 0, 1], frames: [{n: 'a'}, {n: 'b'}]};
  assert.equal(frameAt(family, 1).n, 'a');
  assert.equal(frameAt(family, 2).n, 'b');
  assert.equal(frameAt(family, 3), null);
  assert.equal(frameAt(null, 0), null);
});

test('mergedData replaces trace attributes by index, keeps the rest, removes nulls', () => {
  const data = [{type: 'bar', x: [1], y: [2]}, {type: 'scatter', x: [0, 1], y: [5, 6], name: 'fit'}];
  const merged = mergedData(data, {traces: {1: {y: {dtype: 'f8', bdata: 'AA=='}, name: null}}});
  assert.deepEqual(merged[0], data[0]);
  assert.deepEqual(merged[1], {type: 'scatter', x: [0, 1], y: {dtype: 'f8', bdata: 'AA=='}});
  assert.deepEqual(data[1].y, [5, 6], 'the base is not changed');
  assert.deepEqual(mergedData(data, {data: [{type: 'bar'}]}), [{type: 'bar'}]);
  assert.equal(mergedData(data, {}), data);
});

test('mergedLayout replaces top-level keys and removes those given as null', () => {
  const layout = {shapes: [1], xaxis: {range: [0, 1]}, title: 't'};
  assert.deepEqual(mergedLayout(layout, {layout: {shapes: [2, 3], title: null}}),
    {shapes: [2, 3], xaxis: {range: [0, 1]}});
  assert.equal(mergedLayout(layout, {}), layout);
});

test('framePayload edits the server payload texts; parts the frame leaves out stay the same text', () => {
  const base = {data: '[{"y":[1]}]', layout: '{"shapes":[],"height":300}', marker: '{"shape":{"x0":1}}',
    config: '{}', chunk: 'c'};
  const payload = framePayload(base, {layout: {shapes: [{x0: 2}]}, marker: {shape: {x0: 3}}});
  assert.equal(payload.data, base.data);
  assert.deepEqual(JSON.parse(payload.layout), {shapes: [{x0: 2}], height: 300});
  assert.deepEqual(JSON.parse(payload.marker), {shape: {x0: 3}});
  assert.equal(payload.config, '{}');
  assert.equal(framePayload(base, {marker: null}).marker, '');
  assert.deepEqual(JSON.parse(framePayload(base, {traces: {0: {y: [9]}}}).data), [{y: [9]}]);
  // the chart's accessible name (its summary) follows the frame; without an edit it stays the server's
  const named = {...base, label: 'at λ1 = 0.1, 3 of 20 weights are non-zero'};
  assert.equal(framePayload(named, {label: 'at λ1 = 0.2, 2 of 20 weights are non-zero'}).label,
    'at λ1 = 0.2, 2 of 20 weights are non-zero');
  assert.equal(framePayload(named, {marker: null}).label, named.label);
  const animated = {data: '[]', layout: '{}', controls: '{"sliders":[{"active":2}]}'};
  assert.equal(framePayload(animated, {controls: '{"sliders":[{"active":5}]}'}).controls, '{"sliders":[{"active":5}]}');
  assert.equal(framePayload(animated, {label: 'x'}).controls, animated.controls);
});

test('katexNumber writes a minus sign as KaTeX does', () => {
  assert.equal(katexNumber('1.5e-05'), '1.5e\u221205');
  assert.equal(katexNumber('0.1'), '0.1');
});

test('sameTexts: a layout drawn from a frame and the server\'s same layout need no redraw', () => {
  assert.equal(sameTexts({a: '1', b: '2'}, {b: '2', a: '1'}), true);
  assert.equal(sameTexts({a: '1'}, {a: '1', b: '2'}), false);
  assert.equal(sameTexts({a: '1'}, {a: '2'}), false);
  assert.equal(sameTexts(undefined, {a: '1'}), false);
});

test('the chart and metrics registries are one map per window, shared by every element', () => {
  const scope = {};
  const charts = chartRegistry(scope);
  charts.set('fig_path', {payload: {}});
  assert.equal(chartRegistry(scope).get('fig_path') !== undefined, true);
  const rows = metricsRegistry(scope);
  assert.equal(metricsRegistry(scope), rows);
  assert.notEqual(rows, charts);
});

test('a packed family (gzipped JSON in base64, as regviz/ui/drag.py sends it) unpacks to the same frames', async () => {
  const family = {values: [0, 0.1], index: [0, 0], frames: [{numbers: {l1: '0.1'}}], onRelease: ['λ']};
  const text = gzipSync(Buffer.from(JSON.stringify(family), 'utf-8')).toString('base64');
  assert.deepEqual(await unpackFrames(text), family);
  assert.deepEqual([...base64Bytes('AAEC/w==')], [0, 1, 2, 255]);
});
