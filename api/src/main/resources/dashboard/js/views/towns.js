// The towns of a region: sorted, filtered and paged by the server, with a CSV of the same rows.
import { json, routes } from '../api.js';
import { h } from '../dom.js';
import { TOWN_COLUMNS, OFFICIAL, official, statusLabel, T } from '../labels.js';
import { href } from '../route.js';
import { show } from '../format.js';
import { learn } from '../names.js';
import { title, regionTabs } from './common.js';

const LIMIT = 50;
const FORMATS = { granted_share: 'disclosure_rate', procurement_amount: 'procurement_amount' };

function state(route) {
  const p = route.params;
  return {
    sort: p.get('sort') || 'code',
    order: p.get('order') === 'desc' ? 'desc' : 'asc',
    q: p.get('q') || '',
    status: p.get('status') || '',
    offset: Math.max(0, Number(p.get('offset')) || 0),
  };
}

export async function load({ code, year, route }) {
  const s = state(route);
  return json(routes.towns(code, { year, sort: s.sort, order: s.order, q: s.q, status: s.status, offset: s.offset, limit: LIMIT }));
}

export function draw(box, data, { code, year, route }) {
  learn(data.region);
  const s = state(route);
  const go = (changes) => { location.hash = href('towns', code, { year, sort: s.sort, order: s.order, q: s.q, status: s.status, ...changes }); };
  const rows = data.towns || [];
  const total = data.total ?? rows.length;
  const offset = data.offset ?? 0;
  const columns = TOWN_COLUMNS.filter((k) => !rows.length || k in rows[0]);
  let typing;
  const search = h('input', { type: 'search', id: 'town-search', placeholder: T.search, value: s.q, oninput: (e) => {
    clearTimeout(typing);
    typing = setTimeout(() => go({ q: e.target.value.trim(), offset: 0 }), 400);
  } });
  const status = h('select', { id: 'town-status', onchange: (e) => go({ status: e.target.value, offset: 0 }) },
    h('option', { value: '' }, T.allStatuses),
    Object.keys(OFFICIAL.status).map((key) => h('option', { value: key, selected: key === s.status }, statusLabel(key))));
  const csv = routes.towns(code, { year, sort: s.sort, order: s.order, q: s.q, status: s.status, format: 'csv' });
  box.append(
    title(data.region ? data.region.name : code, data.region ? data.region.level : null, year),
    regionTabs(code, 'towns', year),
    h('div', { className: 'toolbar' }, search, ' ', status, ' ', h('a', { href: csv, id: 'export-csv', className: 'button', download: `towns-${code}-${year}.csv` }, T.exportCsv)),
    h('table', { className: 'grid sortable', id: 'towns' },
      h('thead', {}, h('tr', {}, columns.map((key) => {
        const sorted = key === s.sort;
        const next = sorted && s.order === 'asc' ? 'desc' : 'asc';
        return h('th', { 'data-sort': key, className: sorted ? `sorted ${s.order}` : null, 'aria-sort': sorted ? (s.order === 'asc' ? 'ascending' : 'descending') : null },
          h('a', { href: href('towns', code, { year, sort: key, order: next, q: s.q, status: s.status }) }, official(key)));
      }))),
      h('tbody', {}, rows.map((row) => h('tr', { 'data-code': row.code }, columns.map((key) => cell(key, row, year)))))),
    h('div', { className: 'pager' },
      h('span', { id: 'towns-range' }, total ? T.rows(offset + 1, offset + rows.length, total) : T.noData), ' ',
      offset > 0 ? h('a', { href: href('towns', code, { year, ...s, offset: Math.max(0, offset - LIMIT) }), id: 'page-prev' }, T.previous) : null, ' ',
      offset + rows.length < total ? h('a', { href: href('towns', code, { year, ...s, offset: offset + LIMIT }), id: 'page-next' }, T.next) : null),
  );
  return [];
}

function cell(key, row, year) {
  const value = row[key];
  if (key === 'name') return h('td', {}, h('a', { href: href('town', row.code, { year }) }, value));
  if (key === 'status') {
    return h('td', { className: `status-${value}` }, statusLabel(value), row.source === 'imported'
      ? h('span', { className: 'imported-mark', title: T.imported, 'data-source': 'imported' }, T.importedMark) : null);
  }
  if (key === 'code' || key === 'county') return h('td', {}, value ?? '');
  return h('td', { className: 'num', 'data-key': key }, show(FORMATS[key] || key, value));
}
