// Without a place in the URL: the demo province when the server runs the demo, else a code to open.
import { h } from '../dom.js';
import { T } from '../labels.js';
import { href, placeHref } from '../route.js';

export async function load({ about }) {
  if (about && about.demo) location.replace(href('region', about.demo.province, {}));
  return {};
}

export function draw(box) {
  const input = h('input', { type: 'text', id: 'home-code', inputmode: 'numeric', placeholder: '36 / 3609 / 360923 / 360923105' });
  const message = h('p', { className: 'error', hidden: true });
  const form = h('form', { onsubmit: (e) => {
    e.preventDefault();
    const code = input.value.trim();
    if (!/^(\d{2}|\d{4}|\d{6}|\d{9})$/.test(code)) {
      message.textContent = T.badCode;
      message.hidden = false;
      return;
    }
    location.hash = placeHref(code, null);
  } }, input, ' ', h('button', { type: 'submit' }, T.open));
  box.append(h('p', {}, T.homeIntro), form, message,
    h('p', {}, `${T.examples}：`, h('a', { href: href('region', '36', {}) }, '江西省 36'), '　',
      h('a', { href: href('town', '360923105', {}) }, '南港镇 360923105')));
  return [];
}
