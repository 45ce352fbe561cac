package org.gongkai.streams.report;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place for the official Chinese labels of the three statistical tables, keyed by the
 * English JSON keys of domain.md, per template.
 *
 * <p>Tables are named by their JSON key: {@link #PROACTIVE} (表二), {@link #REQUESTS} (表三),
 * {@link #APPEALS} (表四; its "rows" are the blocks). A label may be a path: table 三's result
 * rows sit under 三、本年度办理结果 and some under a group such as （三）不予公开; table 三's
 * org columns sit under 法人或其他组织; the litigation blocks under 行政诉讼. Renderers use the
 * path for grouped headers (rowspan/colspan) and {@link #row}/{@link #column} for a flat,
 * unambiguous label (the path joined by a space).
 *
 * <p>Wording follows the notices (国办公开办函〔2019〕60号 and 〔2021〕30号), not published
 * reports: 结果维持 (not 结果维护), 只计/不计 (not 只记/不记), 总计 (not 合计), “三安全一稳定” with
 * Chinese quotation marks, 信访举报投诉类申请.
 *
 * <p>Every lookup throws {@link IllegalArgumentException} for a key the template does not have:
 * a report row without a label is a bug to catch, not a cell to print blank.
 */
public final class Labels {
  public static final String PROACTIVE = "proactive";
  public static final String REQUESTS = "requests";
  public static final String APPEALS = "appeals";
  /** The tables in report order. */
  public static final List<String> TABLES = List.of(PROACTIVE, REQUESTS, APPEALS);

  /** The unit of money cells; JSON carries the bare decimal string. */
  public static final String MONEY_UNIT = "万元";
  /** Table 二: heading of the label column under each section header. */
  public static final String CONTENT_HEADER = "信息内容";
  /** Table 三: heading over all applicant columns. */
  public static final String APPLICANTS_HEADER = "申请人情况";
  /** Table 三: the corner cell of the official form. */
  public static final String REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

  private static final String RESULTS = "三、本年度办理结果";
  private static final String WITHHELD = "（三）不予公开";
  private static final String UNAVAILABLE = "（四）无法提供";
  private static final String DECLINED = "（五）不予处理";
  private static final String OTHER = "（六）其他处理";
  private static final String ORGS = "法人或其他组织";
  private static final String LITIGATION = "行政诉讼";

  private static final String ITEM_1 = "第二十条第（一）项";
  private static final String ITEM_5 = "第二十条第（五）项";
  private static final String ITEM_6 = "第二十条第（六）项";
  private static final String ITEM_8 = "第二十条第（八）项";
  private static final String ITEM_9 = "第二十条第（九）项";

  /** Labels of one table in one template; maps are in template order. */
  private record TableLabels(
      String title,
      Map<String, List<String>> rows,
      Map<String, List<String>> columns,
      Map<String, String> sections,
      List<String> moneyColumns) {}

  private static final Map<Template, Map<String, TableLabels>> LABELS = new EnumMap<>(Template.class);

  static {
    LABELS.put(Template.T2019, Map.of(
        PROACTIVE, proactive2019(), REQUESTS, requests(Template.T2019), APPEALS, appeals()));
    LABELS.put(Template.T2021, Map.of(
        PROACTIVE, proactive2021(), REQUESTS, requests(Template.T2021), APPEALS, appeals()));
  }

  private Labels() {}

  /** The template of a report by its JSON key ({@code "2019"}, {@code "2021"}). */
  public static Template template(String key) {
    for (Template template : Template.values()) {
      if (template.key().equals(key)) {
        return template;
      }
    }
    throw new IllegalArgumentException("unknown report template: " + key);
  }

  /** The table's heading, e.g. 二、主动公开政府信息情况. */
  public static String title(Template template, String table) {
    return table(template, table).title();
  }

  /** A row's (for {@link #APPEALS}: a block's) full label, its path joined by a space. */
  public static String row(Template template, String table, String rowKey) {
    return String.join(" ", rowPath(template, table, rowKey));
  }

  /**
   * A row's label path, outermost group first, e.g. [三、本年度办理结果, （三）不予公开, 1.属于国家秘密];
   * for {@link #APPEALS} [行政诉讼, 未经复议直接起诉]. Table 二's sections are not part of the path: see
   * {@link #section}.
   */
  public static List<String> rowPath(Template template, String table, String rowKey) {
    return lookup(table(template, table).rows(), template, table, "row", rowKey);
  }

  /** A column's full label, its path joined by a space, e.g. 法人或其他组织 商业企业. */
  public static String column(Template template, String table, String columnKey) {
    return String.join(" ", columnPath(template, table, columnKey));
  }

  /** A column's label path, outermost group first, e.g. [法人或其他组织, 商业企业]. */
  public static List<String> columnPath(Template template, String table, String columnKey) {
    return lookup(table(template, table).columns(), template, table, "column", columnKey);
  }

  /** {@link #column}, with （万元） appended for a money column whose label does not name the unit. */
  public static String columnWithUnit(Template template, String table, String columnKey) {
    String label = column(template, table, columnKey);
    return isMoney(template, table, columnKey) && !label.contains(MONEY_UNIT)
        ? label + "（" + MONEY_UNIT + "）" : label;
  }

  /** Table 二's section header of a row, e.g. 第二十条第（一）项 for {@code rules}. */
  public static String section(Template template, String rowKey) {
    Map<String, String> sections = table(template, PROACTIVE).sections();
    String section = sections.get(rowKey);
    if (section == null) {
      throw unknown(template, PROACTIVE, "row", rowKey);
    }
    return section;
  }

  /** Whether the column's values are money in 万元 (decimal strings in JSON). */
  public static boolean isMoney(Template template, String table, String columnKey) {
    columnPath(template, table, columnKey);
    return table(template, table).moneyColumns().contains(columnKey);
  }

  /** The table's row (block) keys in template order; the same order the report's maps have. */
  public static List<String> rowKeys(Template template, String table) {
    return List.copyOf(table(template, table).rows().keySet());
  }

  /**
   * The table's column keys in template order. For {@link #PROACTIVE}, whose rows have different
   * columns, every column key of the template in order of first appearance.
   */
  public static List<String> columnKeys(Template template, String table) {
    return List.copyOf(table(template, table).columns().keySet());
  }

  /** The report status in words: {@code open} 未定稿, {@code final} 已定稿. */
  public static String status(String status) {
    if (Report.FINAL.equals(status)) {
      return "已定稿";
    }
    if (Report.OPEN.equals(status)) {
      return "未定稿";
    }
    throw new IllegalArgumentException("unknown report status: " + status);
  }

  /** A town with no events up to the year (the town list's {@code no_figures}). */
  public static final String NO_FIGURES = "no_figures";

  /**
   * The dashboard's labels: the town list's columns (its CSV header) and the derived indicators
   * (docs/reports.md, "Derived indicators"), by their JSON key.
   */
  private static final Map<String, String> DASHBOARD = dashboard();

  private static Map<String, String> dashboard() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("code", "区划代码");
    labels.put("name", "名称");
    labels.put("county", "所属县（市、区）");
    labels.put("status", "状态");
    labels.put("source", "数据来源");
    labels.put("received", "本年新收申请数量");
    labels.put("concluded_total", "办结数量");
    labels.put("concluded", "办结数量");
    labels.put("carried_forward", "结转下年度继续办理数量");
    labels.put("granted_share", "实质公开率");
    labels.put("disclosure_rate", "实质公开率");
    labels.put("procurement_amount", "政府集中采购总金额（万元）");
    labels.put("fees", "行政事业性收费金额（万元）");
    labels.put("appeals_total", "行政复议、行政诉讼总计");
    labels.put("reconsiderations", "行政复议数量");
    labels.put("litigations", "行政诉讼数量");
    labels.put("decided_cases", "复议诉讼已审结数量");
    labels.put("corrected_cases", "结果纠正数量");
    labels.put("correction_rate", "纠错率");
    return labels;
  }

  /** A town-list column's or derived indicator's label, e.g. 实质公开率 for {@code disclosure_rate}. */
  public static String dashboard(String key) {
    String label = DASHBOARD.get(key);
    if (label == null) {
      throw new IllegalArgumentException("no dashboard label for '" + key + "'");
    }
    return label;
  }

  /** A town's status in a list: {@link #status}, and 无数据 for {@link #NO_FIGURES}. */
  public static String townStatus(String status) {
    return NO_FIGURES.equals(status) ? "无数据" : status(status);
  }

  private static TableLabels table(Template template, String table) {
    TableLabels labels = LABELS.get(template).get(table);
    if (labels == null) {
      throw new IllegalArgumentException("unknown table: " + table + " (expected one of " + TABLES + ")");
    }
    return labels;
  }

  private static List<String> lookup(
      Map<String, List<String>> labels, Template template, String table, String what, String key) {
    List<String> path = labels.get(key);
    if (path == null) {
      throw unknown(template, table, what, key);
    }
    return path;
  }

  private static IllegalArgumentException unknown(Template template, String table, String what, String key) {
    return new IllegalArgumentException(
        "template " + template.key() + " has no " + what + " '" + key + "' in table " + table);
  }

  // ---- table 二 ----

  private static TableLabels proactive2019() {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    Map<String, String> sections = new LinkedHashMap<>();
    row(rows, sections, ITEM_1, "rules", "规章");
    row(rows, sections, ITEM_1, "normative_documents", "规范性文件");
    row(rows, sections, ITEM_5, "licensing", "行政许可");
    row(rows, sections, ITEM_5, "other_services", "其他对外管理服务事项");
    row(rows, sections, ITEM_6, "penalties", "行政处罚");
    row(rows, sections, ITEM_6, "coercion", "行政强制");
    row(rows, sections, ITEM_8, "fees", "行政事业性收费");
    row(rows, sections, ITEM_9, "procurement", "政府集中采购");
    Map<String, List<String>> columns = new LinkedHashMap<>();
    columns.put("made", List.of("本年新制作数量"));
    columns.put("published", List.of("本年新公开数量"));
    columns.put("total_published", List.of("对外公开总数量"));
    columns.put("items_last_year", List.of("上一年项目数量"));
    columns.put("items_change", List.of("本年增/减"));
    columns.put("decisions", List.of("处理决定数量"));
    columns.put("projects", List.of("采购项目数量"));
    columns.put("amount", List.of("采购总金额"));
    return new TableLabels("二、主动公开政府信息情况", rows, columns, sections, List.of("amount"));
  }

  private static TableLabels proactive2021() {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    Map<String, String> sections = new LinkedHashMap<>();
    row(rows, sections, ITEM_1, "rules", "规章");
    row(rows, sections, ITEM_1, "normative_documents", "行政规范性文件");
    row(rows, sections, ITEM_5, "licensing", "行政许可");
    row(rows, sections, ITEM_6, "penalties", "行政处罚");
    row(rows, sections, ITEM_6, "coercion", "行政强制");
    row(rows, sections, ITEM_8, "fees", "行政事业性收费");
    Map<String, List<String>> columns = new LinkedHashMap<>();
    columns.put("issued", List.of("本年制发件数"));
    columns.put("repealed", List.of("本年废止件数"));
    columns.put("in_force", List.of("现行有效件数"));
    columns.put("decisions", List.of("本年处理决定数量"));
    columns.put("amount", List.of("本年收费金额（单位：万元）"));
    return new TableLabels("二、主动公开政府信息情况", rows, columns, sections, List.of("amount"));
  }

  private static void row(
      Map<String, List<String>> rows, Map<String, String> sections, String section, String key, String label) {
    rows.put(key, List.of(label));
    sections.put(key, section);
  }

  // ---- table 三 ----

  private static TableLabels requests(Template template) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    rows.put("received", List.of("一、本年新收政府信息公开申请数量"));
    rows.put("carried_over", List.of("二、上年结转政府信息公开申请数量"));
    rows.put("granted", List.of(RESULTS, "（一）予以公开"));
    rows.put("partially_granted", List.of(RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"));
    rows.put("withheld_state_secret", List.of(RESULTS, WITHHELD, "1.属于国家秘密"));
    rows.put("withheld_prohibited_by_law", List.of(RESULTS, WITHHELD, "2.其他法律行政法规禁止公开"));
    rows.put("withheld_security_stability", List.of(RESULTS, WITHHELD, "3.危及“三安全一稳定”"));
    rows.put("withheld_third_party_rights", List.of(RESULTS, WITHHELD, "4.保护第三方合法权益"));
    rows.put("withheld_internal_affairs", List.of(RESULTS, WITHHELD, "5.属于三类内部事务信息"));
    rows.put("withheld_process_info", List.of(RESULTS, WITHHELD, "6.属于四类过程性信息"));
    rows.put("withheld_enforcement_file", List.of(RESULTS, WITHHELD, "7.属于行政执法案卷"));
    rows.put("withheld_admin_query", List.of(RESULTS, WITHHELD, "8.属于行政查询事项"));
    rows.put("unavailable_not_held", List.of(RESULTS, UNAVAILABLE, "1.本机关不掌握相关政府信息"));
    rows.put("unavailable_needs_creation", List.of(RESULTS, UNAVAILABLE, "2.没有现成信息需要另行制作"));
    rows.put("unavailable_unclear", List.of(RESULTS, UNAVAILABLE, "3.补正后申请内容仍不明确"));
    rows.put("declined_petition", List.of(RESULTS, DECLINED, "1.信访举报投诉类申请"));
    rows.put("declined_duplicate", List.of(RESULTS, DECLINED, "2.重复申请"));
    rows.put("declined_publication", List.of(RESULTS, DECLINED, "3.要求提供公开出版物"));
    rows.put("declined_excessive", List.of(RESULTS, DECLINED, "4.无正当理由大量反复申请"));
    rows.put("declined_reconfirm", List.of(RESULTS, DECLINED, "5.要求行政机关确认或重新出具已获取信息"));
    if (template == Template.T2019) {
      // 2019: one row holds every other outcome.
      rows.put("other", List.of(RESULTS, OTHER));
    } else {
      rows.put("other_overdue_correction",
          List.of(RESULTS, OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"));
      rows.put("other_unpaid_fee",
          List.of(RESULTS, OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"));
      rows.put("other", List.of(RESULTS, OTHER, "3.其他"));
    }
    rows.put("concluded_total", List.of(RESULTS, "（七）总计"));
    rows.put("carried_forward", List.of("四、结转下年度继续办理"));

    Map<String, List<String>> columns = new LinkedHashMap<>();
    columns.put("natural_person", List.of("自然人"));
    columns.put("commercial_enterprise", List.of(ORGS, "商业企业"));
    columns.put("research_institution", List.of(ORGS, "科研机构"));
    columns.put("public_interest_org", List.of(ORGS, "社会公益组织"));
    columns.put("legal_service_org", List.of(ORGS, "法律服务机构"));
    columns.put("other_org", List.of(ORGS, "其他"));
    columns.put("total", List.of("总计"));
    return new TableLabels("三、收到和处理政府信息公开申请情况", rows, columns, Map.of(), List.of());
  }

  // ---- table 四 (same in both templates) ----

  private static TableLabels appeals() {
    Map<String, List<String>> blocks = new LinkedHashMap<>();
    blocks.put("reconsideration", List.of("行政复议"));
    blocks.put("litigation_direct", List.of(LITIGATION, "未经复议直接起诉"));
    blocks.put("litigation_after_reconsideration", List.of(LITIGATION, "复议后起诉"));
    Map<String, List<String>> columns = new LinkedHashMap<>();
    columns.put("upheld", List.of("结果维持"));
    columns.put("corrected", List.of("结果纠正"));
    columns.put("other", List.of("其他结果"));
    columns.put("pending", List.of("尚未审结"));
    columns.put("total", List.of("总计"));
    return new TableLabels("四、政府信息公开行政复议、行政诉讼情况", blocks, columns, Map.of(), List.of());
  }
}
