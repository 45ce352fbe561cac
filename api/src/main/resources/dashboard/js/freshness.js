// The freshness bar: the newest event the streams have applied and the backlog, live from the
// server-sent events of /api/v1/changes; each change asks the current view to fetch again.
import { json, routes } from './api.js';
import { h } from './dom.js';
import { T } from './labels.js';
import { chinaTime } from './format.js';

export function startFreshness(bar, onChange) {
  let state = null;
  let live = false;
  let refreshedAt = null;

  const paint = () => {
    const newest = state && state.newest_event_at ? chinaTime(state.newest_event_at) : T.freshNone;
    bar.replaceChildren(
      h('span', { className: 'item' }, `${T.freshNewest}：`, h('b', { id: 'fresh-newest' }, newest)),
      h('span', { className: 'item' }, `${T.freshLag}：`, h('b', { id: 'fresh-lag' }, state ? String(state.lag) : '—'), ` ${T.freshEvents}`),
      h('span', { className: 'item' }, `${T.freshVersion}：`, h('b', { id: 'fresh-version' }, state ? String(state.version) : '—')),
      h('span', { className: `item ${live ? 'live' : 'offline'}`, id: 'fresh-live' }, live ? T.freshLive : T.freshOffline),
      refreshedAt ? h('span', { className: 'item' }, `${T.freshRefreshed} `, h('b', { id: 'fresh-refreshed' }, refreshedAt)) : null,
    );
  };

  json(routes.freshness()).then((f) => { state = f; paint(); }).catch(() => paint());

  const source = new EventSource(routes.changes());
  source.addEventListener('open', () => { live = true; paint(); });
  source.addEventListener('error', () => { live = false; paint(); });
  source.addEventListener('change', (event) => {
    const next = JSON.parse(event.data);
    const changed = !state || next.version !== state.version;
    state = { ...state, ...next };
    live = true;
    paint();
    if (changed) onChange();
  });
  paint();

  return {
    refreshed() {
      refreshedAt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date());
      paint();
    },
  };
}
