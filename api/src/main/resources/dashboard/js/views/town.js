// One town: its report of the year in the official layout (the server's HTML rendering), last
// year's beside it with the cells that differ marked, the headline cards and the trend of all years.
import { json, html, optionalJson, routes } from '../api.js';
import { h } from '../dom.js';
import { T } from '../labels.js';
import { learn } from '../names.js';
import * as charts from '../charts.js';
import { title, headlineCards } from './common.js';

// Only years the trend lists are asked for: a report that does not exist would be a 404 in the console.
export async function load({ code, year }) {
  const trend = await optionalJson(routes.townTrend(code));
  const has = (y) => y >= 2019 && (!trend || trend.years.some((t) => t.year === y));
  const [report, current, previous] = await Promise.all([
    has(year) ? json(routes.townReport(code, year)) : null,
    has(year) ? html(routes.townReport(code, year)) : null,
    has(year - 1) ? html(routes.townReport(code, year - 1)) : null,
  ]);
  return { trend, report, current, previous };
}

/** The body of a report page, as elements to put in the dashboard (its own stylesheet is the dashboard's). */
function reportPane(id, year, source) {
  const pane = h('section', { className: 'report', id });
  pane.append(h('h2', { className: 'pane-title' }, T.reportOf(year)));
  if (!source) {
    pane.append(h('p', { className: 'empty' }, T.noReport(year)));
    return pane;
  }
  const doc = new DOMParser().parseFromString(source, 'text/html');
  for (const node of [...doc.body.children]) pane.append(document.importNode(node, true));
  return pane;
}

/** Marks the cells that differ from last year's, table by table, when both tables have the same shape. */
function markDifferences(now, before) {
  let compared = false;
  for (const table of now.querySelectorAll('table')) {
    const other = before.querySelector(`table.${table.className}`);
    if (!other || shape(table) !== shape(other)) continue;
    compared = true;
    const a = table.querySelectorAll('td');
    const b = other.querySelectorAll('td');
    a.forEach((cell, i) => {
      if (cell.textContent.trim() !== b[i].textContent.trim()) {
        cell.classList.add('changed');
        cell.title = `${T.previousYear}：${b[i].textContent.trim()}`;
        b[i].classList.add('changed-before');
      }
    });
  }
  return compared;
}

/** The shown year is the town's imported (published) report: says so, with the rules it breaks. */
function importedNote(year, report) {
  const violations = (report && report.imported_violations) || [];
  return h('section', { className: 'panel wide imported', id: 'imported-year' },
    h('p', {}, h('span', { className: 'imported-mark' }, T.imported), ' ', T.importedYear(year)),
    violations.length
      ? h('div', {}, h('h3', {}, T.importedViolations),
        h('ul', { id: 'imported-violations' }, violations.map((v) => h('li', { 'data-rule': v.rule }, `${v.rule}：${v.message}`))))
      : h('p', { className: 'note' }, T.noImportedViolations));
}

function shape(table) {
  return [...table.rows].map((row) => [...row.cells].map((c) => (c.tagName === 'TH' ? c.textContent.trim() : '#')).join('|')).join('/');
}

export function draw(box, { trend, report, current, previous }, { code, year, refresh }) {
  const place = report ? report.town : null;
  if (place) {
    learn(place, place.county, place.city, place.province);
  }
  const name = (trend && trend.name) || (place && place.name) || code;
  learn({ code, name });
  const years = trend ? trend.years : [];
  const now = years.find((y) => y.year === year);
  const before = years.find((y) => y.year === year - 1);
  const trendBox = h('div', { className: 'chart', id: 'chart-trend' });
  const nowPane = reportPane('report-current', year, current);
  const beforePane = reportPane('report-previous', year - 1, previous);
  const note = h('p', { className: 'note', id: 'diff-note' });
  if (current && previous) note.textContent = markDifferences(nowPane, beforePane) ? T.diffNote : T.templateDiffers;
  const importedYears = years.filter((y) => y.source === 'imported').map((y) => y.year);
  box.append(
    title(name, 'town', year),
    now && now.source === 'imported' ? importedNote(year, report) : null,
    headlineCards(now ? now.headline : null, before ? before.headline : null),
    h('section', { className: 'panel wide' }, h('h2', {}, T.trend), trendBox,
      importedYears.length ? h('p', { className: 'note', id: 'trend-imported' }, T.importedLegend(importedYears)) : null),
    note,
    h('div', { className: 'reports' }, nowPane, beforePane),
  );
  return years.length ? [charts.trend(trendBox, years, !refresh)] : [];
}
