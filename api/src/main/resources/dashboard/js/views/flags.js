// The towns whose figures look wrong or unusual this year, each with the rule that flagged it.
import { json, routes } from '../api.js';
import { h } from '../dom.js';
import { FLAG_KINDS, FLAG_LEVELS, HEADLINE, T } from '../labels.js';
import { href } from '../route.js';
import { show } from '../format.js';
import { learn } from '../names.js';
import { title, regionTabs } from './common.js';

export const load = ({ code, year }) => json(routes.flags(code, year));

export function draw(box, data, { code, year }) {
  learn(data.region);
  const flags = data.flags || [];
  box.append(
    title(data.region.name, data.region.level, year),
    regionTabs(code, 'flags', year),
    flags.length === 0 ? h('p', { className: 'empty', id: 'no-flags' }, T.noFlags) : h('table', { className: 'grid', id: 'flags' },
      h('thead', {}, h('tr', {}, [T.flagLevel, '乡镇（街道）', T.county, T.flagKind, T.flagIndicator, T.flagValue, T.flagReference, T.flagMessage].map((l) => h('th', {}, l)))),
      h('tbody', {}, flags.map((f) => h('tr', { className: `flag-${f.level}`, 'data-code': f.town.code },
        h('td', {}, h('span', { className: `badge ${f.level}` }, FLAG_LEVELS[f.level] || f.level)),
        h('td', {}, h('a', { href: href('town', f.town.code, { year }) }, f.town.name)),
        h('td', {}, f.town.county || ''),
        h('td', {}, FLAG_KINDS[f.kind] || f.kind),
        h('td', {}, HEADLINE[f.indicator] || f.indicator),
        h('td', { className: 'num' }, show(f.indicator, f.value)),
        h('td', { className: 'num' }, show(f.indicator, f.reference)),
        h('td', {}, f.message))))),
    data.thresholds ? h('details', { className: 'thresholds' }, h('summary', {}, T.thresholds),
      h('ul', {}, Object.entries(data.thresholds).map(([key, value]) => h('li', {}, h('code', {}, key), `：${typeof value === 'object' ? JSON.stringify(value) : value}`)))) : null,
  );
  return [];
}
