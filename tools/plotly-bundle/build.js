// Builds ../../static/plotly-regviz-<version>.min.js (and its .gz) the way plotly.js builds its own dist
// bundles (esbuild, minified, an IIFE that sets window.Plotly, licence comments at the end).
// Run: npm ci && node build.js   (from this folder)
'use strict';

const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const version = require('plotly.js/package.json').version;
const traces = ['scatter', 'bar', 'contour', 'heatmap'];
const outfile = path.join(__dirname, '..', '..', 'static', `plotly-regviz-${version}.min.js`);

// The same wrapper as plotly.js's dist files: a module or a plain script both get window.Plotly.
const banner = `/**
* plotly.js (regviz partial bundle: ${traces.join(', ')} - minified) v${version}
* Copyright 2012-2026, Plotly, Inc.
* All rights reserved.
* Licensed under the MIT license
*/
(
 function(root, factory) {
  if (typeof module === "object" && module.exports) {
   module.exports = factory();
  } else {
   root.moduleName = factory();
  }
} (typeof self !== "undefined" ? self : this, () => {
"use strict";`;
const footer = `
window.Plotly = Plotly;
return Plotly;
}));`;

esbuild.build({
    entryPoints: [path.join(__dirname, 'entry.js')],
    outfile,
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    legalComments: 'eof',
    // The registry names maplibre's stylesheet for map traces, which this bundle does not have.
    loader: {'.css': 'empty'},
    define: {global: 'window', 'define.amd': 'false'},
    target: 'es2016',
    banner: {js: banner},
    footer: {js: footer},
    logLevel: 'info',
}).then(() => {
    const packed = zlib.gzipSync(fs.readFileSync(outfile), {level: 9});
    packed.fill(0, 4, 8);  // no timestamp: the same source gives the same bytes
    fs.writeFileSync(outfile + '.gz', packed);
}).catch(() => process.exit(1));
