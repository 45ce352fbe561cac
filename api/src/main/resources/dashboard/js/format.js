import { T } from './labels.js';

const COUNT = new Intl.NumberFormat('zh-CN');

export const RATES = new Set(['disclosure_rate', 'correction_rate', 'granted_share']);
export const AMOUNTS = new Set(['fees', 'procurement_amount']);

/** An indicator's value as a number for charts (amounts are decimal strings in 万元). */
export function numeric(key, value) {
  if (value === null || value === undefined) return null;
  return AMOUNTS.has(key) ? Number(value) : value;
}

export function show(key, value) {
  if (value === null || value === undefined) return '—';
  if (RATES.has(key)) return `${(value * 100).toFixed(1)}%`;
  if (AMOUNTS.has(key)) return `${value} 万元`;
  return COUNT.format(value);
}

// Amounts are exact decimal strings with 4 decimals: compare them as integers of 0.0001 万元.
function tenThousandths(amount) {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const units = BigInt(whole) * 10000n + BigInt((fraction + '0000').slice(0, 4));
  return negative ? -units : units;
}

function amountText(units) {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const text = `${abs / 10000n}.${String(abs % 10000n).padStart(4, '0')}`;
  return negative ? `-${text}` : text;
}

/**
 * The year-over-year change of an indicator, as {text, sign}; null when either year lacks it.
 * Rates change in percentage points, counts and amounts by difference and percent.
 */
export function change(key, now, before) {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  if (RATES.has(key)) {
    const points = (now - before) * 100;
    return { sign: Math.sign(Math.round(points * 10)), text: `${points >= 0 ? '+' : ''}${points.toFixed(1)} ${T.points}` };
  }
  if (AMOUNTS.has(key)) {
    const diff = tenThousandths(now) - tenThousandths(before);
    const base = tenThousandths(before);
    const percent = base === 0n ? '' : `（${pct(Number(diff) / Number(base))}）`;
    return { sign: diff > 0n ? 1 : diff < 0n ? -1 : 0, text: `${diff > 0n ? '+' : ''}${amountText(diff)} 万元${percent}` };
  }
  const diff = now - before;
  const percent = before === 0 ? '' : `（${pct(diff / before)}）`;
  return { sign: Math.sign(diff), text: `${diff > 0 ? '+' : ''}${COUNT.format(diff)}${percent}` };
}

function pct(ratio) {
  return `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;
}

/** An instant as a China-time date and time. */
export function chinaTime(iso) {
  if (!iso) return null;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(new Date(iso));
}

export function chinaYear() {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}
