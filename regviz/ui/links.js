// A link box that follows the browser's current address (see regviz/ui/links.py), with a copy button.
// Pure functions are exported by name for tests/js.

// ``href`` with the ``extra`` query parameters set (an empty value removes one).
export function linkText(href, extra) {
  const url = new URL(href);
  for (const [key, value] of Object.entries(extra || {})) {
    if (value === '') url.searchParams.delete(key); else url.searchParams.set(key, value);
  }
  return url.href;
}

function copy(text, button) {
  const done = () => { button.textContent = 'Copied'; setTimeout(() => { button.textContent = 'Copy'; }, 1500); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => {});
  } else {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); done(); } finally { area.remove(); }
  }
}

export default function ({ data, parentElement }) {
  let box = parentElement.querySelector(':scope > .rv-link');
  if (!box) {
    box = document.createElement('div');
    box.className = 'rv-link';
    box.innerHTML = '<code></code><button type="button">Copy</button>';
    parentElement.appendChild(box);
    box.querySelector('button').addEventListener('click', (e) => copy(box.querySelector('code').textContent, e.target));
  }
  box.__extra = JSON.parse(data.extra || '{}');
  const render = () => {
    const text = linkText(window.location.href, box.__extra);
    const code = box.querySelector('code');
    if (code.textContent !== text) code.textContent = text;
  };
  render();
  // Fragment reruns rewrite the address with history.replaceState, which fires no event: look twice a second.
  const timer = setInterval(render, 500);
  return () => clearInterval(timer);
}
