// ECharts (the global from /webjars/echarts/5.3.1/dist/echarts.min.js), one instance per chart box.
// Each draw returns a promise that settles once the chart has finished rendering.
import { HEADLINE, T } from './labels.js';
import { numeric, show, RATES } from './format.js';

let live = [];

/** Disposes the charts of the previous view. */
export function disposeAll() {
  for (const chart of live) chart.dispose();
  live = [];
}

window.addEventListener('resize', () => live.forEach((chart) => chart.resize()));

function draw(box, option, onClick, animate) {
  const chart = echarts.init(box, null, { renderer: 'canvas' });
  live.push(chart);
  const finished = new Promise((resolve) => chart.on('finished', resolve));
  if (onClick) chart.on('click', onClick);
  chart.setOption({ animation: animate, ...option });
  return finished;
}

function rateAxis(key) {
  return RATES.has(key) ? { axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } } : {};
}

/** Children ranked by one indicator, largest first; a click opens the child. */
export function ranking(box, children, key, open, animate) {
  const rows = children
    .map((c) => ({ code: c.code, name: c.name, value: c.headline ? numeric(key, c.headline[key]) : null }))
    .filter((r) => r.value !== null)
    .sort((a, b) => b.value - a.value);
  box.style.height = `${Math.max(160, rows.length * 22 + 60)}px`;
  return draw(box, {
    grid: { left: 110, right: 40, top: 10, bottom: 30 },
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}<br>${HEADLINE[key]}：${show(key, children.find((c) => c.code === rows[p.dataIndex].code).headline[key])}` },
    xAxis: { type: 'value', minInterval: RATES.has(key) ? 0 : 1, ...rateAxis(key) },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { interval: 0 } },
    series: [{ type: 'bar', data: rows.map((r) => ({ value: r.value, code: r.code })), itemStyle: { color: '#b8312f' } }],
  }, (p) => open(p.data.code), animate);
}

/** The children as areas of one indicator (by number of towns when the indicator is zero everywhere). */
export function treemap(box, children, key, open, animate) {
  const values = children.map((c) => (c.headline ? numeric(key, c.headline[key]) || 0 : 0));
  const byTowns = values.every((v) => v === 0) || RATES.has(key);
  const data = children.map((c, i) => ({ name: c.name, code: c.code, value: byTowns ? c.towns || 1 : values[i] }));
  return draw(box, {
    tooltip: { formatter: (p) => `${p.name}：${byTowns ? `${p.value} ${T.towns}` : show(key, children.find((c) => c.code === p.data.code).headline[key])}` },
    series: [{
      type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, data,
      label: { show: true, formatter: '{b}' },
      levels: [{ itemStyle: { borderColor: '#fff', borderWidth: 1, gapWidth: 1 } }],
    }],
  }, (p) => p.data && p.data.code && open(p.data.code), animate).then(() => byTowns);
}

/** A map of the children from the region's GeoJSON; features are matched to children by code or name. */
export function map(box, region, geoJson, children, key, open, animate) {
  const byCode = new Map(children.map((c) => [c.code, c]));
  for (const feature of geoJson.features || []) {
    const props = feature.properties || (feature.properties = {});
    const code = String(props.code || props.adcode || '');
    const child = byCode.get(code) || byCode.get(code.replace(/0+$/, '')) || children.find((c) => c.name === props.name);
    if (child) props.name = child.name;
  }
  echarts.registerMap(`region-${region}`, geoJson);
  const data = children.map((c) => ({ name: c.name, code: c.code, value: c.headline ? numeric(key, c.headline[key]) : null }));
  const values = data.map((d) => d.value).filter((v) => v !== null);
  return draw(box, {
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}：${p.data ? show(key, children.find((c) => c.code === p.data.code).headline?.[key]) : '—'}` },
    visualMap: { min: Math.min(0, ...values), max: Math.max(1, ...values), calculable: true, left: 10, bottom: 10,
      inRange: { color: ['#fde0dd', '#b8312f'] } },
    series: [{ type: 'map', map: `region-${region}`, data, label: { show: false } }],
  }, (p) => p.data && p.data.code && open(p.data.code), animate);
}

/** Counts over the years as lines, the rates on a second axis. */
export function trend(box, years, animate) {
  const counts = ['received', 'concluded', 'carried_forward', 'reconsiderations', 'litigations'];
  const rates = ['disclosure_rate', 'correction_rate'];
  // a year from an imported report (source "imported") is drawn as a diamond, its axis label marked
  const point = (y, key) => (y.source === 'imported'
    ? { value: y.headline[key], symbol: 'diamond', symbolSize: 11 } : y.headline[key]);
  const line = (key, axis) => ({ name: HEADLINE[key], type: 'line', yAxisIndex: axis, data: years.map((y) => point(y, key)) });
  const imported = years.filter((y) => y.source === 'imported').map((y) => y.year);
  return draw(box, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 60, top: 40, bottom: imported.length ? 50 : 30 },
    title: imported.length ? { subtext: T.importedLegend(imported), left: 'center', bottom: 0, subtextStyle: { fontSize: 11 } } : undefined,
    xAxis: { type: 'category', data: years.map((y) => (y.source === 'imported' ? `${y.year}◆` : String(y.year))) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 1, ...rateAxis('disclosure_rate') }],
    series: [...counts.map((k) => line(k, 0)), ...rates.map((k) => line(k, 1))],
  }, null, animate);
}
