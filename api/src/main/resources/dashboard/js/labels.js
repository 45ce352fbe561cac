// Every label the dashboard shows, in one place: its own short wording here, and the official labels
// of streams/.../report/Labels.java fetched from /api/v1/labels (OFFICIAL). The report tables of the
// town view are the server's HTML rendering, with Labels.java's labels too.

export const APP_TITLE = '政府信息公开年度报告统计看板';
export const YEAR = '统计年度';

export const LEVELS = { province: '省', city: '市', county: '县（区）', town: '乡镇（街道）' };
export const CHILDREN_OF = { province: '各市', city: '各县（区）', county: '各乡镇（街道）' };

// The headline indicators of a town or region (dashboard contract "Headline H").
export const HEADLINE = {
  received: '新收申请',
  concluded: '办结',
  carried_forward: '结转下年',
  disclosure_rate: '实质公开率',
  reconsiderations: '行政复议',
  litigations: '行政诉讼',
  appeals: '复议/诉讼',
  decided_cases: '已审结案件',
  corrected_cases: '结果纠正',
  correction_rate: '纠错率',
  fees: '行政事业性收费',
  procurement_amount: '政府集中采购',
};
// Indicators a region's children can be ranked by, in menu order.
export const RANKABLE = ['received', 'concluded', 'carried_forward', 'disclosure_rate', 'reconsiderations',
  'litigations', 'correction_rate', 'fees', 'procurement_amount'];

// Columns of the town table (the towns route's rows), in table order; their headers are the
// official labels (OFFICIAL.indicators), the same as the CSV's.
export const TOWN_COLUMNS = ['code', 'name', 'county', 'status', 'received', 'concluded_total', 'carried_forward',
  'granted_share', 'procurement_amount', 'appeals_total'];

// The official labels from Labels.java (GET /api/v1/labels): indicators by JSON key, town statuses.
export const OFFICIAL = { indicators: {}, status: {} };

export async function loadOfficial() {
  const response = await fetch('/api/v1/labels', { headers: { Accept: 'application/json' } });
  if (response.ok) Object.assign(OFFICIAL, await response.json());
}

export const official = (key) => OFFICIAL.indicators[key] || key;
export const statusLabel = (status) => OFFICIAL.status[status] || status;

export const VIEWS = {
  region: '概览',
  towns: '乡镇列表',
  flags: '异常提示',
  filing: '填报进度',
  town: '年度报告',
};

export const FLAG_KINDS = {
  jump: '同比突变',
  outlier: '显著偏离',
  correction_rate: '纠错率偏高',
  disclosure_rate: '公开率偏低',
};
export const FLAG_LEVELS = { red: '红色', yellow: '黄色' };

export const T = {
  noData: '暂无数据',
  noFigures: '该年度没有数据',
  previousYear: '上年',
  change: '同比',
  points: '个百分点',
  noPrevious: '上年无数据',
  towns: '乡镇数',
  withFigures: '有数据的乡镇',
  finalTowns: '已定稿乡镇',
  rankBy: '排序指标',
  ranking: '排名',
  treemap: '构成',
  treemapByTowns: '（各项为零，按乡镇数显示）',
  map: '地图',
  childrenTable: '下级地区',
  search: '搜索名称或代码',
  allStatuses: '全部状态',
  exportCsv: '导出 CSV',
  rows: (from, to, total) => `第 ${from}–${to} 条，共 ${total} 条`,
  previous: '上一页',
  next: '下一页',
  trend: '历年趋势',
  reportOf: (year) => `${year} 年度报告`,
  noReport: (year) => `${year} 年没有报告`,
  diffNote: '与上年不同的数字已标出（悬停可见上年数值）',
  templateDiffers: '两年模板不同，不逐格比较',
  flagLevel: '级别',
  flagKind: '类型',
  flagIndicator: '指标',
  flagValue: '数值',
  flagReference: '参照值',
  flagMessage: '说明',
  thresholds: '判定阈值',
  noFlags: '没有异常提示',
  registryTowns: '区划内乡镇',
  openList: '有数据、未定稿',
  noFiguresList: '尚无数据',
  noneLeft: '无',
  showAll: '展开全部',
  freshNewest: '最新已处理事件',
  freshLag: '待处理',
  freshEvents: '条',
  freshVersion: '版本',
  freshLive: '实时更新已连接',
  freshOffline: '实时更新已断开，重连中…',
  freshRefreshed: '本页更新于',
  freshNone: '尚无事件',
  demo: (d) => `演示数据：${d.name}（${d.province}）${d.first_year}–${d.last_year} 年 ${d.towns} 个乡镇的数字为程序生成，并非真实报告。`,
  homeIntro: '输入地区代码（省 2 位、市 4 位、县 6 位）或乡镇代码（9 位）：',
  open: '打开',
  examples: '示例',
  error: '出错了',
  badCode: '代码应为 2、4、6 或 9 位数字',
  county: '县（区）',
  // Imported history: a town's published report for a year before its events (source "imported").
  imported: '公开年报导入',
  importedMark: '导',
  importedLegend: (years) => `◆ 公开年报导入：${years.join('、')} 年的数字来自已公开的年度报告，非事件汇总`,
  importedYear: (year) => `${year} 年的数字来自公开年报导入（该年尚无事件数据），按已公开的年度报告原样列出。`,
  importedViolations: '导入年报不符合的校验规则',
  noImportedViolations: '导入年报未发现不符合校验规则之处',
};
