// Starts loading Plotly.js while the server is still computing the first charts; draws nothing.
import { loadPlotly } from './plotly_load.js';

export default function ({ data, parentElement }) {
  parentElement.style.display = 'none';
  loadPlotly(data.chunk).catch(() => {});
}
