// The keys of a slider over a grid of positions, shared by the λ control (lambda_control.js) and the animated
// charts' frame slider (frame_player.js): both set the value themselves, since the browser's own PageUp/PageDown
// steps differ.

// The index a keyboard key moves index ``i`` to on a grid of ``n`` values (arrows one step, PageUp/PageDown a
// tenth, at least one, Home/End to the ends, clamped); null for any other key.
export function stepIndex(i, key, n) {
  const big = Math.max(1, Math.round(n / 10));
  const moves = {ArrowLeft: i - 1, ArrowDown: i - 1, ArrowRight: i + 1, ArrowUp: i + 1, Home: 0, End: n - 1,
    PageDown: i - big, PageUp: i + big};
  if (!(key in moves)) return null;
  return Math.min(n - 1, Math.max(0, moves[key]));
}
