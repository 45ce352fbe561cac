// A province, city or county: its headline cards against last year, its children ranked by one
// indicator, a treemap of them, a map when the server has the region's boundaries, and a table.
import { json, optionalJson, routes } from '../api.js';
import { h } from '../dom.js';
import { HEADLINE, RANKABLE, CHILDREN_OF, official, statusLabel, T } from '../labels.js';
import { href, placeHref } from '../route.js';
import { show } from '../format.js';
import { learn } from '../names.js';
import * as charts from '../charts.js';
import { title, regionTabs, headlineCards } from './common.js';

export async function load({ code, year }) {
  const [children, index] = await Promise.all([
    json(routes.children(code, year)),
    optionalJson(routes.boundaryIndex()).catch(() => null),
  ]);
  const hasMap = index && Array.isArray(index.regions) && index.regions.includes(children.region.code);
  const geoJson = hasMap ? await optionalJson(routes.boundary(children.region.code)).catch(() => null) : null;
  return { children, geoJson };
}

export function draw(box, { children: data, geoJson }, { code, year, route, refresh }) {
  learn(data.region, data.parent, ...data.children);
  const by = RANKABLE.includes(route.params.get('by')) ? route.params.get('by') : 'received';
  const open = (child) => { location.hash = placeHref(child, year); };
  const indicator = h('select', { id: 'rank-by', onchange: (e) => {
    location.hash = href('region', code, { year, by: e.target.value });
  } }, RANKABLE.map((key) => h('option', { value: key, selected: key === by }, HEADLINE[key])));

  const rankBox = h('div', { className: 'chart', id: 'chart-ranking' });
  const treeBox = h('div', { className: 'chart', id: 'chart-treemap' });
  const treeNote = h('span', { className: 'note' });
  const mapBox = geoJson ? h('div', { className: 'chart map', id: 'chart-map' }) : null;
  box.append(
    title(data.region.name, data.region.level, year),
    regionTabs(code, 'region', year),
    h('p', { className: 'counts' }, `${T.withFigures}：`, h('b', { id: 'towns-with-figures' }, String(data.towns)),
      `　${T.finalTowns}：`, h('b', { id: 'towns-final' }, String(data.final_towns))),
    headlineCards(data.headline, data.previous),
    h('div', { className: 'toolbar' }, h('label', {}, `${T.rankBy} `, indicator)),
    h('div', { className: 'panels' },
      h('section', { className: 'panel' }, h('h2', {}, `${CHILDREN_OF[data.region.level]}${T.ranking}：${HEADLINE[by]}`), rankBox),
      h('section', { className: 'panel' }, h('h2', {}, `${CHILDREN_OF[data.region.level]}${T.treemap}`, treeNote), treeBox),
      mapBox ? h('section', { className: 'panel' }, h('h2', {}, T.map), mapBox) : null),
    childrenTable(data, year, by),
  );
  const animate = !refresh;
  const drawn = [
    charts.ranking(rankBox, data.children, by, open, animate),
    charts.treemap(treeBox, data.children, by, open, animate).then((byTowns) => { if (byTowns) treeNote.textContent = T.treemapByTowns; }),
  ];
  if (mapBox) drawn.push(charts.map(mapBox, data.region.code, geoJson, data.children, by, open, animate));
  return drawn;
}

function childrenTable(data, year, by) {
  const keys = ['received', 'concluded', 'carried_forward', 'disclosure_rate', 'correction_rate'];
  if (!keys.includes(by)) keys.push(by);
  const townsLevel = data.children.some((c) => c.level === 'town');
  return h('section', { className: 'panel wide' }, h('h2', {}, T.childrenTable),
    h('table', { className: 'grid', id: 'children' },
      h('thead', {}, h('tr', {}, h('th', {}, CHILDREN_OF[data.region.level]),
        townsLevel ? h('th', {}, official('status')) : h('th', {}, `${T.withFigures} / ${T.finalTowns}`),
        keys.map((k) => h('th', {}, HEADLINE[k])))),
      h('tbody', {}, data.children.map((c) => h('tr', { 'data-code': c.code },
        h('td', {}, h('a', { href: placeHref(c.code, year), className: 'child' }, c.name)),
        townsLevel ? h('td', {}, c.status ? statusLabel(c.status) : '') : h('td', {}, `${c.towns ?? 0} / ${c.final_towns ?? 0}`),
        keys.map((k) => h('td', { className: 'num', 'data-key': k }, c.headline ? show(k, c.headline[k]) : '—')))))));
}
