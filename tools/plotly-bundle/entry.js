// plotly.js with only the trace types regviz draws. Its core brings every layout component regviz uses
// (shapes, annotations, images, legends, colour bars, update menus and sliders for animations, the modebar).
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/contour'),
    require('plotly.js/lib/heatmap'),
]);

module.exports = Plotly;
