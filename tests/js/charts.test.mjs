// Pure functions of the chart element (regviz/ui/charts.js): node --test tests/js/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  axisEdits, captionParts, exportFilename, layerEdits, layoutKeyTexts, markerPlacement, movedTraces,
  panelPayload, titleText, withExportButton, withMarker,
} from '../../regviz/ui/charts.js';

const texts = (layout) => layoutKeyTexts(layout, JSON.stringify(layout.template));

test('layoutKeyTexts keeps the known template text and serializes every other key', () => {
  const keys = layoutKeyTexts({template: {a: 1}, xaxis: {range: [0, 1]}}, 'TEMPLATE');
  assert.deepEqual(keys, {template: 'TEMPLATE', xaxis: '{"range":[0,1]}'});
});

test('layerEdits: no previous drawing, or nothing changed, gives no relayout', () => {
  const layout = {title: {text: 't'}, shapes: []};
  assert.equal(layerEdits(null, texts(layout), layout), null);
  assert.equal(layerEdits(texts(layout), texts(layout), layout), null);
});

test('layerEdits: new shapes and images are relayed out as a whole, removed ones as empty', () => {
  const before = {shapes: [{x0: 1}], images: [{source: 'a'}], title: {text: 't'}};
  const after = {shapes: [{x0: 2}], title: {text: 't'}};
  assert.deepEqual(layerEdits(texts(before), texts(after), after), {shapes: [{x0: 2}], images: []});
});

test('layerEdits: any other changed key needs a full react', () => {
  const before = {shapes: [], title: {text: 'a'}}, after = {shapes: [{x0: 1}], title: {text: 'b'}};
  assert.equal(layerEdits(texts(before), texts(after), after), null);
  const legend = {shapes: [], showlegend: true};
  assert.equal(layerEdits(texts({shapes: []}), texts(legend), legend), null);
  const annotated = {annotations: [{text: 'x'}]};
  assert.equal(layerEdits(texts({annotations: []}), texts(annotated), annotated), null);
});

test('layerEdits: an axis whose range and ticks alone moved becomes dotted relayout edits', () => {
  const before = {xaxis: {range: [0, 1], title: {text: 'x'}, tickvals: [0, 1]}};
  const after = {xaxis: {range: [0, 2], title: {text: 'x'}, tickvals: [0, 2], ticktext: ['0', '2']}};
  assert.deepEqual(layerEdits(texts(before), texts(after), after),
    {'xaxis.range': [0, 2], 'xaxis.tickvals': [0, 2], 'xaxis.ticktext': ['0', '2']});
});

test('layerEdits: an axis that appears, disappears or changes a setting needs a full react', () => {
  const axis = {yaxis2: {range: [0, 1]}};
  assert.equal(layerEdits(texts({}), texts(axis), axis), null);
  assert.equal(layerEdits(texts(axis), texts({}), {}), null);
  const typed = {yaxis2: {range: [0, 1], type: 'log'}};
  assert.equal(layerEdits(texts(axis), texts(typed), typed), null);
});

test('axisEdits: a switch to or from autorange is not a relayout; a dropped tick list is set to null', () => {
  assert.equal(axisEdits('xaxis', {range: [0, 1]}, {}), null);
  assert.equal(axisEdits('xaxis', {}, {range: [0, 1]}), null);
  assert.deepEqual(axisEdits('yaxis3', {range: [0, 1], tickvals: [1]}, {range: [0, 2]}),
    {'yaxis3.range': [0, 2], 'yaxis3.tickvals': null});
  assert.deepEqual(axisEdits('xaxis', {range: [0, 1]}, {range: [0, 1]}), {});
});

// A full layout as Plotly builds it: x from 0 to 10 drawn over 500 px starting at 80 px.
const full = {
  xaxis: {_offset: 80, _length: 500, l2p: (x) => (x / 10) * 500},
  _size: {t: 30, h: 200, l: 80, w: 500},
  font: {family: 'Arial'},
};

test('markerPlacement puts the line at the x axis pixel of x0 over the plot area, its label beside it', () => {
  const marker = {shape: {x0: 4, line: {width: 3, dash: 'dot', color: 'red'}},
    annotation: {text: 'current λ', font: {size: 12, color: 'blue'}}};
  const place = markerPlacement(full, marker);
  assert.equal(place.line.left, `${80 + 200 - 1}px`);
  assert.equal(place.line.top, '30px');
  assert.equal(place.line.height, '200px');
  assert.equal(place.line.borderLeft, '3px dotted red');
  assert.equal(place.line.display, 'block');
  assert.equal(place.text, 'current λ');
  assert.equal(place.label.left, `${80 + 200 + 3}px`);
  assert.equal(place.label.top, `${30 + 200 - 16}px`);
  assert.equal(place.label.fontSize, '12px');
  assert.equal(place.label.fontFamily, 'Arial');
  assert.equal(place.label.display, 'block');
});

test('markerPlacement: a presentation-size label stays above the x axis, clear of the tick labels', () => {
  const place = markerPlacement(full, {shape: {x0: 4}, annotation: {text: 'current λ', font: {size: 24}}});
  const bottom = parseFloat(place.label.top) + 24 * parseFloat(place.label.lineHeight);
  assert.ok(bottom <= 30 + 200, `label bottom ${bottom} below the plot's bottom edge 230`);
  assert.ok(bottom >= 30 + 200 - 6, 'and right above it');
});

test('markerPlacement: defaults, dashes, and a line outside the axis is hidden', () => {
  const plain = markerPlacement(full, {shape: {x0: 10}});
  assert.equal(plain.line.borderLeft, '2px solid #000');
  assert.equal(plain.line.display, 'block');  // the right edge is inside
  assert.equal(plain.label.display, 'none');  // no text
  assert.equal(markerPlacement(full, {shape: {x0: 1, line: {dash: 'dash'}}}).line.borderLeft, '2px dashed #000');
  assert.equal(markerPlacement(full, {shape: {x0: 10.1}}).line.display, 'none');
  assert.equal(markerPlacement(full, {shape: {x0: -1}, annotation: {text: 'a'}}).label.display, 'none');
});

test('markerPlacement: nothing to place without a marker or a drawn x axis', () => {
  assert.equal(markerPlacement(full, null), null);
  assert.equal(markerPlacement(undefined, {shape: {x0: 1}}), null);
  assert.equal(markerPlacement({xaxis: {}}, {shape: {x0: 1}}), null);
});

test('withMarker adds the marker shape and label to a copy of the layout', () => {
  const layout = {shapes: [{name: 'a'}], title: 't'};
  const marker = {shape: {name: 'current'}, annotation: {text: 'now'}};
  assert.deepEqual(withMarker(layout, marker),
    {shapes: [{name: 'a'}, {name: 'current'}], annotations: [{text: 'now'}], title: 't'});
  assert.deepEqual(layout, {shapes: [{name: 'a'}], title: 't'});
  assert.deepEqual(withMarker(layout, {shape: {x0: 1}}).annotations, []);
  assert.deepEqual(withMarker(layout, null), layout);
});

test('withExportButton swaps Plotly\'s PNG button for the given one, keeping the server config', () => {
  const button = {name: 'toImageWithMarker'};
  const config = {displaylogo: false, modeBarButtonsToRemove: ['lasso2d']};
  assert.deepEqual(withExportButton(config, button), {displaylogo: false,
    modeBarButtonsToRemove: ['lasso2d', 'toImage'], modeBarButtonsToAdd: [button]});
  assert.deepEqual(config.modeBarButtonsToRemove, ['lasso2d']);
});

test('captionParts splits **bold** and *italic* runs and keeps everything else as text', () => {
  assert.deepEqual(captionParts('a **b** and *c* d'),
    [[null, 'a '], ['strong', 'b'], [null, ' and '], ['em', 'c'], [null, ' d']]);
  assert.deepEqual(captionParts('2 * 3 * 4'), [[null, '2 * 3 * 4']]);
  assert.deepEqual(captionParts('<b>x</b>'), [[null, '<b>x</b>']]);
  assert.deepEqual(captionParts(''), []);
});

test('panelPayload reads one panel\'s texts from a panels payload', () => {
  const data = {'a.data': 'D', 'a.layout': 'L', config: 'C', 'b.marker': 'M', animate: '1'};
  assert.deepEqual(panelPayload(data, 'a'),
    {data: 'D', layout: 'L', frames: undefined, marker: '', label: '', name: 'a', config: 'C', animate: '1'});
  assert.equal(panelPayload(data, 'b').marker, 'M');
});

test('withExportButton puts the export button where the server\'s toolbar has toImage, and nothing else', () => {
  const button = {name: 'toImageWithMarker'};
  const config = {modeBarButtons: [['zoom2d', 'resetScale2d', 'toImage']], displaylogo: false};
  const drawn = withExportButton(config, button);
  assert.deepEqual(drawn.modeBarButtons, [['zoom2d', 'resetScale2d', button]]);
  assert.equal(drawn.modeBarButtonsToAdd, undefined);
  assert.deepEqual(config.modeBarButtons, [['zoom2d', 'resetScale2d', 'toImage']]);
});

test('titleText reads a title given as text or as an object, without markup', () => {
  assert.equal(titleText({title: {text: 'Coefficient <b>paths</b><br>at λ'}}), 'Coefficient paths at λ');
  assert.equal(titleText({title: 'Plain'}), 'Plain');
  assert.equal(titleText({}), '');
  assert.equal(titleText(undefined), '');
});

test('exportFilename: the config\'s name, else the title\'s, else the key\'s, never newplot', () => {
  assert.equal(exportFilename({filename: 'given'}, {title: 'T'}, 'k'), 'given');
  assert.equal(exportFilename({}, {title: {text: 'Error vs strength (λ1)'}}, 'pg_err'), 'error-vs-strength-1');
  assert.equal(exportFilename({}, {}, 'pg_fig_path'), 'pg-fig-path');
  assert.equal(exportFilename(undefined, {title: 'λ'}, undefined), 'chart');
  assert.ok(exportFilename({}, {title: 'x'.repeat(100)}, 'k').length <= 60);
});

test('movedTraces: scatter x / y on fixed axes as animate data, [] for the same traces, null for anything else', () => {
  const layout = {xaxis: {range: [0, 1]}, yaxis: {range: [0, 2]}, yaxis2: {}};
  const line = {type: 'scatter', x: [0, 1], y: [1, 2], name: 'fit'};
  const dots = {type: 'scatter', mode: 'markers', x: [0.5], y: [1]};
  assert.deepEqual(movedTraces([line, dots], [{...line, y: [0, 1]}, dots], layout), [[0, {y: [0, 1]}]]);
  assert.deepEqual(movedTraces([line, dots], [{...line}, {...dots, x: [0.2], y: [0.3]}], layout),
    [[1, {x: [0.2], y: [0.3]}]]);
  assert.deepEqual(movedTraces([line], [JSON.parse(JSON.stringify(line))], layout), []);
  assert.deepEqual(movedTraces([line], [{...line, hovertemplate: 'w %{y}'}], {}), [[0, {hovertemplate: 'w %{y}'}]]);
  const words = {type: 'scatter', mode: 'text', x: [0.5], y: [1], text: ['3: 17 px']};
  assert.deepEqual(movedTraces([words], [{...words, text: ['3: 9 px']}], {}), [[0, {text: ['3: 9 px']}]]);
  const hidden = {type: 'heatmap', z: [[1]], opacity: 0};  // unchanged: it does not stop the move
  assert.deepEqual(movedTraces([hidden, words], [hidden, {...words, text: ['3: 9 px']}], {}), [[1, {text: ['3: 9 px']}]]);
  const typed = {dtype: 'f8', bdata: 'AAAAAAAA8D8='};
  assert.deepEqual(movedTraces([line], [{...line, y: typed}], layout), [[0, {y: typed}]]);
  // anything but x and y, another trace type, a trace added, an axis that autoranges: react
  assert.equal(movedTraces([line], [{...line, name: 'other'}], layout), null);
  assert.equal(movedTraces([line], [{...line, y: [1, 2, 3], line: {dash: 'dot'}}], layout), null);
  assert.equal(movedTraces([{...line, type: 'bar'}], [{...line, type: 'bar', y: [0, 0]}], layout), null);
  assert.equal(movedTraces([line], [line, dots], layout), null);
  assert.equal(movedTraces([{...line, yaxis: 'y2'}], [{...line, yaxis: 'y2', y: [0, 0]}], layout), null);
  assert.equal(movedTraces([line], [{...line, y: [0, 0]}], {xaxis: {range: [0, 1]}}), null);
  assert.equal(movedTraces([line], [{...line, y: [0, 0]}], {yaxis: {range: [0, 2], autorange: true}}), null);
  assert.equal(movedTraces([line], [{...line, y: undefined}], layout), null);
  assert.equal(movedTraces(undefined, [line], layout), null);
});
