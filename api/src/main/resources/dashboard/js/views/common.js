// Pieces several views share: the title, the tabs of a region, the headline cards.
import { h } from '../dom.js';
import { HEADLINE, LEVELS, VIEWS, T, OFFICIAL } from '../labels.js';
import { href } from '../route.js';
import { show, change } from '../format.js';

export function title(name, level, year) {
  return h('h1', {}, name, h('small', {}, ` ${LEVELS[level] || ''} · ${year} 年`));
}

export function regionTabs(code, active, year) {
  return h('nav', { className: 'tabs' }, ['region', 'towns', 'flags', 'filing'].map((view) =>
    h('a', { href: href(view, code, { year }), className: view === active ? 'active' : null, 'data-tab': view }, VIEWS[view])));
}

function delta(key, now, before) {
  const c = change(key, now, before);
  if (!c) return h('span', { className: 'delta none' }, T.noPrevious);
  return h('span', { className: `delta ${c.sign > 0 ? 'up' : c.sign < 0 ? 'down' : 'same'}` }, `${T.change} ${c.text}`);
}

function card(key, label, value, changeLine) {
  return h('div', { className: 'card', 'data-key': key, title: OFFICIAL.indicators[key] || null }, h('div', { className: 'label' }, label),
    h('div', { className: 'value' }, value), h('div', { className: 'change' }, changeLine));
}

/** The headline cards of one year beside the previous year (null: none). */
export function headlineCards(now, before) {
  const cards = h('div', { className: 'cards' });
  if (!now) {
    cards.append(h('p', { className: 'empty' }, T.noFigures));
    return cards;
  }
  const single = (key) => card(key, HEADLINE[key], show(key, now[key]), delta(key, now[key], before && before[key]));
  cards.append(single('received'), single('concluded'), single('carried_forward'), single('disclosure_rate'));
  cards.append(card('appeals', HEADLINE.appeals,
    `${show('reconsiderations', now.reconsiderations)} / ${show('litigations', now.litigations)}`,
    h('span', {}, delta('reconsiderations', now.reconsiderations, before && before.reconsiderations), ' · ',
      delta('litigations', now.litigations, before && before.litigations))));
  cards.append(single('correction_rate'));
  for (const key of ['fees', 'procurement_amount']) {
    if (now[key] !== null && now[key] !== undefined) cards.append(single(key));
  }
  return cards;
}
