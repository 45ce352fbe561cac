// Who has filed: towns with figures, towns that closed the year, and the lists of those that have not.
import { json, routes } from '../api.js';
import { h } from '../dom.js';
import { T } from '../labels.js';
import { href } from '../route.js';
import { learn } from '../names.js';
import { title, regionTabs } from './common.js';

export const load = ({ code, year }) => json(routes.filing(code, year));

export function draw(box, data, { code, year }) {
  learn(data.region);
  const share = (n) => (data.towns ? `${((n / data.towns) * 100).toFixed(1)}%` : '—');
  const list = (id, towns) => (towns.length === 0 ? h('p', { className: 'empty', id }, T.noneLeft)
    : h('ul', { className: 'towns', id }, towns.map((t) => h('li', { 'data-code': t.code },
      h('a', { href: href('town', t.code, { year }) }, t.name), h('span', { className: 'note' }, ` ${t.county || ''}`)))));
  box.append(
    title(data.region.name, data.region.level, year),
    regionTabs(code, 'filing', year),
    h('div', { className: 'cards' },
      h('div', { className: 'card', 'data-key': 'towns' }, h('div', { className: 'label' }, T.registryTowns), h('div', { className: 'value' }, String(data.towns))),
      h('div', { className: 'card', 'data-key': 'with_figures' }, h('div', { className: 'label' }, T.withFigures), h('div', { className: 'value' }, String(data.with_figures)), h('div', { className: 'change' }, share(data.with_figures))),
      h('div', { className: 'card', 'data-key': 'final' }, h('div', { className: 'label' }, T.finalTowns), h('div', { className: 'value' }, String(data.final)), h('div', { className: 'change' }, share(data.final)))),
    h('div', { className: 'progress', title: `${data.final} / ${data.with_figures} / ${data.towns}` },
      h('div', { className: 'final', style: `width:${share(data.final)}` }),
      h('div', { className: 'open', style: `width:${share(data.with_figures - data.final)}` })),
    h('div', { className: 'panels' },
      h('section', { className: 'panel' }, h('h2', {}, `${T.openList}（${data.open.length}）`), list('filing-open', data.open)),
      h('section', { className: 'panel' }, h('h2', {}, `${T.noFiguresList}（${data.no_figures.length}）`),
        // A province may have a thousand towns without figures: folded when long.
        data.no_figures.length > 100 ? h('details', {}, h('summary', {}, T.showAll), list('filing-no-figures', data.no_figures))
          : list('filing-no-figures', data.no_figures))),
  );
  return [];
}
