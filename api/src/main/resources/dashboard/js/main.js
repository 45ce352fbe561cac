// The dashboard's shell: the hash route picks a view; a view loads its data, then draws. A change
// announced by the server (freshness.js) loads the current view again, without reloading the page.
import { optionalJson, routes } from './api.js';
import { h } from './dom.js';
import { APP_TITLE, YEAR, T, LEVELS, loadOfficial } from './labels.js';
import { parse, href, levelOf } from './route.js';
import { chinaYear } from './format.js';
import { disposeAll } from './charts.js';
import { startFreshness } from './freshness.js';
import { names } from './names.js';
import * as region from './views/region.js';
import * as towns from './views/towns.js';
import * as town from './views/town.js';
import * as flags from './views/flags.js';
import * as filing from './views/filing.js';
import * as home from './views/home.js';

const VIEWS = { region, towns, town, flags, filing, home };
const main = document.getElementById('view');
const yearSelect = document.getElementById('year');
const about = optionalJson(routes.about()).catch(() => null);

document.getElementById('brand').textContent = APP_TITLE;
document.getElementById('year-label').textContent = YEAR;
document.title = APP_TITLE;
for (let year = chinaYear(); year >= 2019; year--) yearSelect.append(h('option', { value: year }, `${year} 年`));

let generation = 0;
let renders = 0;
let pending = false;

/** The report year to show when the URL names none: the latest with figures, else last year. */
async function defaultYear(route) {
  if (route.view === 'home') return chinaYear() - 1;
  const trend = await optionalJson(route.view === 'town' ? routes.townTrend(route.code) : routes.regionTrend(route.code)).catch(() => null);
  const years = trend && trend.years ? trend.years.map((y) => y.year) : [];
  return years.length ? Math.max(...years) : chinaYear() - 1;
}

async function show(refresh) {
  const mine = ++generation;
  const route = parse(location.hash);
  if (!route.params.get('year') && route.view !== 'home') {
    route.params.set('year', await defaultYear(route));
    if (mine !== generation) return;
    history.replaceState(null, '', href(route.view, route.code, Object.fromEntries(route.params)));
  }
  const year = Number(route.params.get('year') || chinaYear() - 1);
  yearSelect.value = String(year);
  const view = VIEWS[route.view];
  const ctx = { route, year, code: route.code, refresh, about: await about };
  let data;
  let failure = null;
  try {
    data = await view.load(ctx);
  } catch (e) {
    failure = e;
  }
  if (mine !== generation) return;
  disposeAll();
  const box = h('div', { className: `view view-${route.view}` });
  main.replaceChildren(box);
  if (!refresh) window.scrollTo(0, 0); // a new view opens at its top; a refresh keeps the place
  let charts = [];
  if (failure) {
    box.append(h('div', { className: 'error', role: 'alert' }, `${T.error}：${failure.message}`));
  } else {
    charts = view.draw(box, data, ctx) || [];
  }
  crumbs(route); // after draw: the view has learnt the names of its places
  await Promise.all(charts);
  if (mine !== generation) return;
  renders += 1;
  const key = `${route.view}:${route.code}:${year}`;
  document.documentElement.dataset.rendered = key;
  // For the browser tests: which view, of which URL, has finished drawing, and when.
  window.gongkaiRendered = { key, hash: location.hash, count: renders, at: performance.now() };
  freshness.refreshed();
}

function crumbs(route) {
  const nav = document.getElementById('crumbs');
  nav.replaceChildren();
  if (!route.code) return;
  const year = route.params.get('year');
  const prefixes = [2, 4, 6, 9].filter((n) => n <= route.code.length).map((n) => route.code.slice(0, n));
  prefixes.forEach((code, i) => {
    if (i > 0) nav.append(h('span', { className: 'sep' }, '›'));
    const label = names.get(code) || `${LEVELS[levelOf(code)]} ${code}`;
    nav.append(code === route.code && route.view !== 'towns' && route.view !== 'flags' && route.view !== 'filing'
      ? h('span', { className: 'here' }, label)
      : h('a', { href: href(code.length === 9 ? 'town' : 'region', code, { year }) }, label));
  });
}

/**
 * A change announced by the server: load the view again, at most once a second (the server announces
 * up to two a second), and not while the user is typing in the view.
 */
let scheduled = null;
function changed() {
  if (scheduled) return;
  scheduled = setTimeout(() => {
    scheduled = null;
    const active = document.activeElement;
    if (active && main.contains(active) && (active.tagName === 'INPUT' || active.tagName === 'SELECT')) {
      pending = true;
      return;
    }
    show(true);
  }, 1000);
}

main.addEventListener('focusout', () => {
  if (pending) {
    pending = false;
    setTimeout(() => show(true), 0);
  }
});

yearSelect.addEventListener('change', () => {
  const route = parse(location.hash);
  const params = Object.fromEntries(route.params);
  params.year = yearSelect.value;
  delete params.offset;
  location.hash = href(route.view === 'home' ? 'home' : route.view, route.code, params);
});

const freshness = startFreshness(document.getElementById('freshness'), changed);

about.then((a) => {
  const banner = document.getElementById('demo');
  if (a && a.demo) {
    banner.textContent = T.demo(a.demo);
    banner.hidden = false;
  }
});

window.addEventListener('hashchange', () => show(false));
loadOfficial().catch(() => {}).then(() => show(false));
