package org.gongkai.api.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gongkai.api.RunningApp;
import org.gongkai.api.SharedBroker;
import org.gongkai.api.publish.EventPublisher;
import org.gongkai.schemas.lines.EventLines;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium through /usr/bin/chromedriver; nothing
 * is downloaded) against the real app on the shared broker: the reference seed (南港镇 2020) and
 * events this test publishes for five more towns of 江西省 in 2021 and 2022. Every figure the page
 * shows is checked against the API's own reports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String REFERENCE_TOWN = "360923105";

  private static ChromeDriver driver;
  private static String base;
  /** Towns this test publishes for, by role: [0] stays open in 2021, the others close 2021. */
  private static final List<String> towns = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    RunningApp.seeded();
    DivisionRegistry registry = DivisionRegistry.load();
    pick(registry, "360923", 2); // 上高县, beside 南港镇
    pick(registry, "360902", 1); // 袁州区, another county of 宜春市
    pick(registry, "3601", 2); // 南昌市, another city
    publish(events());
    for (String town : towns) {
      RunningApp.await("/api/v1/towns/" + town + "/reports/2022",
          r -> r.at("/requests/rows/received/total").asLong() == received(town, 2022), WAIT);
    }
    long expected = towns.stream().mapToLong(t -> received(t, 2022)).sum();
    JsonNode province = RunningApp.await("/api/v1/regions/36/reports/2022",
        r -> r.at("/requests/rows/received/total").asLong() >= expected, WAIT);
    assertTrue(province != null && province.at("/requests/rows/received/total").asLong() >= expected,
        "province 36 counts the published towns");
    base = "http://localhost:" + RunningApp.get().port();
    driver = browser();
    Files.createDirectories(SCREENSHOTS);
    // The console check below must be able to fail: an error logged by a page reaches the test.
    driver.get(base + "/openapi.json");
    js("console.error('gongkai console probe')");
    assertTrue(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .anyMatch(e -> e.getMessage().contains("gongkai console probe")), "the browser's console log is read");
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
  }

  /** No page may log an error: every test reads (and so empties) the browser's console log. */
  @AfterEach
  void consoleHasNoErrors() {
    boolean aboutMissing = RunningApp.get("/api/v1/about").statusCode() == 404;
    List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        // /api/v1/about is another helper's route: the page tolerates its 404, so may Chromium's log.
        .filter(m -> !(aboutMissing && m.contains("/api/v1/about")))
        .toList();
    assertEquals(List.of(), errors, "errors in the browser console");
  }

  @Test
  @Order(1)
  void shouldDrillDownFromProvinceToReferenceTownWhenChildrenAreClicked() throws Exception {
    long started = System.nanoTime();
    driver.get(base + "/#/region/36?year=2020");
    awaitRendered("region:36:2020", 0);
    double pageMs = ((Number) js("return window.gongkaiRendered.at")).doubleValue();
    System.out.printf("dashboard: province 36 overview rendered (charts finished) %.0f ms after navigation start, "
        + "%d ms after WebDriver get%n", pageMs, (System.nanoTime() - started) / 1_000_000);
    JsonNode province = report("/api/v1/regions/36/reports/2020");
    assertEquals(number(province.at("/requests/rows/received/total").asLong()), cardValue("received"));
    assertTrue(driver.findElements(By.cssSelector("#chart-ranking canvas")).size() > 0, "ranking chart drawn");
    assertTrue(driver.findElements(By.cssSelector("#chart-treemap canvas")).size() > 0, "treemap drawn");
    assertTrue(driver.findElements(By.id("chart-map")).isEmpty(), "no map without boundary data");
    assertEquals(List.of("概览", "乡镇列表", "异常提示", "填报进度"),
        driver.findElements(By.cssSelector(".tabs a")).stream().map(e -> e.getText().strip()).toList(),
        "every view's tab is named");
    screenshot("province-36-2020");

    clickAndAwait("#children tr[data-code='3609'] a.child", "region:3609:2020");
    clickAndAwait("#children tr[data-code='360923'] a.child", "region:360923:2020");
    assertTrue(driver.findElement(By.id("crumbs")).getText().contains("宜春市"), "breadcrumb names the city");
    clickAndAwait("#children tr[data-code='" + REFERENCE_TOWN + "'] a.child", "town:" + REFERENCE_TOWN + ":2020");

    assertTrue(driver.findElement(By.tagName("h1")).getText().contains("南港镇"));
    JsonNode town = report("/api/v1/towns/" + REFERENCE_TOWN + "/reports/2020");
    assertEquals(number(town.at("/requests/rows/received/total").asLong()), cardValue("received"));
    assertEquals(town.at("/proactive/procurement/amount").asText() + " 万元", cardValue("procurement_amount"));
    // The official layout: table 二's 政府集中采购 row holds the 177 projects of the reference report.
    WebElement procurement = driver.findElement(By.xpath(
        "//section[@id='report-current']//table[contains(@class,'proactive')]//tr[th[contains(.,'政府集中采购')]]"));
    assertTrue(procurement.getText().contains(town.at("/proactive/procurement/projects").asText()), procurement.getText());
    screenshot("town-360923105-2020");
  }

  @Test
  @Order(2)
  void shouldShowOtherYearWhenYearIsSwitched() {
    String town = towns.get(1);
    driver.get(base + "/#/town/" + town + "?year=2021");
    awaitRendered("town:" + town + ":2021", 0);
    long before = count();
    new Select(driver.findElement(By.id("year"))).selectByValue("2022");
    awaitRendered("town:" + town + ":2022", before);
    assertTrue(driver.getCurrentUrl().endsWith("#/town/" + town + "?year=2022"), driver.getCurrentUrl());
    JsonNode now = report("/api/v1/towns/" + town + "/reports/2022");
    assertEquals(number(now.at("/requests/rows/received/total").asLong()), cardValue("received"));
    // 2021 beside 2022 (same template): the received cell differs, since the town received one more request.
    List<WebElement> changed = driver.findElements(By.cssSelector("#report-current td.changed"));
    assertFalse(changed.isEmpty(), "cells that differ from 2021 are marked");
    assertTrue(changed.stream().anyMatch(c -> c.getText().equals(String.valueOf(received(town, 2022)))));
    assertTrue(driver.findElements(By.cssSelector("#chart-trend canvas")).size() > 0, "trend chart drawn");
    screenshot("town-" + town + "-2022");
    js("document.getElementById('diff-note').scrollIntoView()");
    screenshot("town-" + town + "-2022-reports");
  }

  @Test
  @Order(3)
  void shouldSortTownsAndExportTheSameRowsWhenTableIsSortedAndExported() {
    driver.get(base + "/#/region/360923/towns?year=2022");
    awaitRendered("towns:360923:2022", 0);
    clickAndAwait("#towns th[data-sort='received'] a", "towns:360923:2022");
    assertTrue(driver.getCurrentUrl().contains("sort=received") && driver.getCurrentUrl().contains("order=asc"));
    clickAndAwait("#towns th[data-sort='received'] a", "towns:360923:2022");
    assertTrue(driver.getCurrentUrl().contains("order=desc"), driver.getCurrentUrl());
    List<Long> shown = driver.findElements(By.cssSelector("#towns td[data-key='received']")).stream()
        .map(c -> Long.parseLong(c.getText().replace(",", ""))).toList();
    assertEquals(shown.stream().sorted(Comparator.reverseOrder()).toList(), shown, "received, largest first");
    String top = towns.subList(0, 2).stream().max(Comparator.comparingLong(t -> received(t, 2022))).orElseThrow();
    String firstRow = driver.findElement(By.cssSelector("#towns tbody tr")).getAttribute("data-code");
    assertEquals(top, firstRow, "the town of 上高县 with most requests in 2022 comes first");
    js("window.scrollTo(0, 0)");
    screenshot("towns-360923-2022");

    String csvUrl = driver.findElement(By.id("export-csv")).getAttribute("href");
    HttpResponse<String> csv = RunningApp.get(csvUrl.substring(base.length()), "text/csv");
    assertEquals(200, csv.statusCode(), csv.body());
    List<String> lines = csv.body().lines().filter(l -> !l.isBlank()).toList();
    // The table's headers are the CSV's (both the official labels of Labels.java, via /api/v1/labels).
    List<String> headers = driver.findElements(By.cssSelector("#towns thead th")).stream().map(WebElement::getText).toList();
    assertEquals(List.of(lines.get(0).replace("\uFEFF", "").replace("\"", "").split(",")), headers);
    assertTrue(headers.contains("实质公开率"), headers.toString());
    long towns360923 = DivisionRegistry.load().townsIn("360923").count();
    assertEquals(towns360923, lines.size() - 1L, "one CSV row per town of 上高县, all pages");
    assertTrue(lines.get(1).startsWith(top + ","), "the CSV is sorted like the table: " + lines.get(1));
  }

  @Test
  @Order(4)
  void shouldUpdateFigureWithoutReloadWhenEventIsPublished() throws Exception {
    driver.get(base + "/#/region/36?year=2022");
    awaitRendered("region:36:2022", 0);
    js("window.gongkaiNoReload = 'still here'");
    long before = report("/api/v1/regions/36/reports/2022").at("/requests/rows/received/total").asLong();
    assertEquals(number(before), cardValue("received"));
    String version = driver.findElement(By.id("fresh-version")).getText();

    String town = towns.get(0);
    publish(List.of(line("request.received", "ui-live-1", town, "\"requestId\":\"ui-live-R1\",\"date\":\"2022-11-30\",\"applicant\":\"natural_person\"")));
    new WebDriverWait(driver, WAIT).until(d -> cardValue("received").equals(number(before + 1)));

    assertEquals("still here", js("return window.gongkaiNoReload"), "the page was not reloaded");
    assertFalse(version.equals(driver.findElement(By.id("fresh-version")).getText()), "the freshness bar moved on");
    screenshot("province-36-2022-live");
  }

  @Test
  @Order(5)
  void shouldListOpenTownsAndFlagsWhenFilingAndFlagsAreOpened() {
    driver.get(base + "/#/region/36/filing?year=2021");
    awaitRendered("filing:36:2021", 0);
    List<String> open = driver.findElements(By.cssSelector("#filing-open li")).stream()
        .map(li -> li.getAttribute("data-code")).toList();
    assertTrue(open.contains(towns.get(0)), "the town that did not close 2021 is open: " + open);
    for (String closed : towns.subList(1, towns.size())) {
      assertFalse(open.contains(closed), closed + " closed 2021");
    }
    JsonNode filing = RunningApp.json(RunningApp.get("/api/v1/regions/36/filing?year=2021"));
    assertEquals(String.valueOf(filing.get("final").asLong()),
        driver.findElement(By.cssSelector(".card[data-key='final'] .value")).getText());
    screenshot("filing-36-2021");

    clickAndAwait(".tabs a[data-tab='flags']", "flags:36:2021");
    JsonNode flags = RunningApp.json(RunningApp.get("/api/v1/regions/36/flags?year=2021")).get("flags");
    assertEquals(flags.size(), driver.findElements(By.cssSelector("#flags tbody tr")).size());
    if (flags.size() > 0) {
      clickAndAwait("#flags tbody tr a", "town:" + flags.get(0).at("/town/code").asText() + ":2021");
    }
  }

  @Test
  @Order(6)
  void shouldDrawMapOfChildrenWhenBoundariesAreGiven() {
    // The app under test has no boundary data (none may be bundled): the map code is given a small
    // made-up GeoJSON of two squares, one matched by code, one by name, as an operator's file would be.
    driver.get(base + "/#/region/36?year=2022");
    awaitRendered("region:36:2022", 0);
    Object drawn = ((JavascriptExecutor) driver).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const square = (x, props) => ({ type: 'Feature', properties: props, geometry: { type: 'Polygon',
          coordinates: [[[x, 28], [x + 1, 28], [x + 1, 29], [x, 29], [x, 28]]] } });
        const geo = { type: 'FeatureCollection', features: [square(115, { code: '360100' }), square(116, { name: '宜春市' })] };
        const children = [
          { code: '3601', name: '南昌市', headline: { received: 7 } },
          { code: '3609', name: '宜春市', headline: { received: 3 } }];
        const box = document.createElement('div');
        box.style.cssText = 'width:400px;height:300px';
        document.body.append(box);
        import('/js/charts.js')
          .then((charts) => charts.map(box, 'test', geo, children, 'received', () => {}, false))
          .then(() => done(geo.features.map((f) => f.properties.name).join(',') + ':' + box.querySelectorAll('canvas').length))
          .catch((e) => done('failed: ' + e));
        """);
    assertEquals("南昌市,宜春市:1", drawn, "features matched to the children by code and by name, and drawn");
  }

  @Test
  @Order(7)
  void shouldMarkTheImportedYearWhenATownsPublishedReportIsShown() throws Exception {
    // A town of 拉萨市 (no other browser test shows it), outside 城关区 (ImportedHistoryEndToEndTest's):
    // its published report imported as 2019 with `gongkai import`, then its 2020 events.
    DivisionRegistry registry = DivisionRegistry.load();
    String town = registry.townsIn("5401").filter(t -> !t.county().code().equals("540102")).findFirst()
        .orElseThrow().town().code();
    String county = town.substring(0, 6);
    String text = Files.readString(Path.of("..", "seeds", "000_713aac75e110bc97.txt")).replace("2020", "2019");
    Path file = Files.createTempFile("imported-2019", ".txt");
    Files.writeString(file, text);
    java.io.StringWriter out = new java.io.StringWriter();
    int exit = new picocli.CommandLine(new org.gongkai.api.cli.ImportCommand()).setOut(new java.io.PrintWriter(out))
        .setErr(new java.io.PrintWriter(out)).execute("--town", town, "--year", "2019", "--bootstrap-servers",
            SharedBroker.bootstrapServers(), "--wait-timeout", "60", file.toString());
    Files.delete(file);
    assertEquals(0, exit, out.toString());
    publish(Files.readAllLines(Path.of("..", "seeds", "events", REFERENCE_TOWN + "-2020.jsonl")).stream()
        .filter(l -> !l.isBlank()).map(l -> l.replace(REFERENCE_TOWN, town)).toList());
    JsonNode trend = RunningApp.await("/api/v1/towns/" + town + "/trend", t -> t.get("years").size() == 2, WAIT);
    assertEquals("imported", trend.at("/years/0/source").asText(), String.valueOf(trend));

    driver.get(base + "/#/town/" + town + "?year=2019");
    awaitRendered("town:" + town + ":2019", 0);
    String note = driver.findElement(By.id("imported-year")).getText();
    assertTrue(note.contains("公开年报导入") && note.contains("2019"), note);
    assertTrue(driver.findElement(By.id("trend-imported")).getText().contains("2019"), "the trend's legend note");
    JsonNode report = report("/api/v1/towns/" + town + "/reports/2019");
    assertEquals(report.get("imported_violations").size(),
        driver.findElements(By.cssSelector("#imported-violations li")).size(), "the published report's violations listed");
    screenshot("town-" + town + "-2019-imported");

    driver.get(base + "/#/town/" + town + "?year=2020");
    awaitRendered("town:" + town + ":2020", 0);
    assertTrue(driver.findElements(By.id("imported-year")).isEmpty(), "2020 is computed from events");

    driver.get(base + "/#/region/" + county + "/towns?year=2019&q=" + town);
    awaitRendered("towns:" + county + ":2019", 0);
    assertEquals(1, driver.findElements(By.cssSelector("#towns tr[data-code='" + town + "'] .imported-mark")).size(),
        "the towns table marks the imported year");
  }

  // ---- the page ----

  private static ChromeDriver browser() {
    for (String binary : List.of("/usr/bin/chromedriver", "/usr/bin/chromium")) {
      if (!Files.isExecutable(Path.of(binary))) {
        throw new IllegalStateException(binary + " is missing: the browser tests need Debian's Chromium "
            + "(apt-get install chromium chromium-driver fonts-noto-cjk, as .ci/run does)");
      }
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
        "--lang=zh-CN");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new ChromeDriver(service, options);
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /** How many views the page has rendered so far (0 before the first). */
  private static long count() {
    Object n = js("return window.gongkaiRendered ? window.gongkaiRendered.count : 0");
    return ((Number) n).longValue();
  }

  /** Waits until the page has rendered the view (charts finished) after the given render count. */
  private static void awaitRendered(String key, long after) {
    new WebDriverWait(driver, WAIT).withMessage(() -> "view " + key + " not rendered; page shows: "
            + driver.findElement(By.id("view")).getText())
        .until(d -> {
          // The view drawn for the URL the page is at now (not an earlier one, nor a refresh of it).
          Object r = js("const r = window.gongkaiRendered; "
              + "return r && r.hash === location.hash ? r.key + '#' + r.count : null");
          if (r == null) {
            return false;
          }
          String[] parts = r.toString().split("#");
          return parts[0].equals(key) && Long.parseLong(parts[1]) > after;
        });
  }

  /** Clicks and waits for the view it opens; the render count is read first, so a quick render is not missed. */
  private static void clickAndAwait(String css, String key) {
    long before = count();
    click(css);
    awaitRendered(key, before);
  }

  private static void click(String css) {
    WebElement element = new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.cssSelector(css)));
    element.click();
  }

  private static String cardValue(String key) {
    return driver.findElement(By.cssSelector(".card[data-key='" + key + "'] .value")).getText();
  }

  private static String number(long n) {
    return String.format(java.util.Locale.ROOT, "%,d", n);
  }

  private static void screenshot(String name) throws RuntimeException {
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode report(String path) {
    HttpResponse<String> response = RunningApp.get(path);
    assertEquals(200, response.statusCode(), response.body());
    return RunningApp.json(response);
  }

  // ---- the events ----

  private static void pick(DivisionRegistry registry, String region, int n) {
    registry.townsIn(region).map(t -> t.town().code()).filter(c -> !c.equals(REFERENCE_TOWN)).sorted()
        .limit(n).forEach(towns::add);
  }

  /** Requests a town received in a year: different per town, one more in 2022 than in 2021. */
  private static long received(String town, int year) {
    return 2 + towns.indexOf(town) * 2L + (year - 2021);
  }

  private static List<String> events() {
    List<String> lines = new ArrayList<>();
    for (String town : towns) {
      for (int year : new int[] {2021, 2022}) {
        for (int i = 1; i <= received(town, year); i++) {
          String request = "ui-" + town + "-" + year + "-R" + i;
          lines.add(line("request.received", request + "-in", town, "\"requestId\":\"" + request
              + "\",\"date\":\"" + year + "-03-" + String.format("%02d", i) + "\",\"applicant\":\"natural_person\""));
          if (i > 1) {
            lines.add(line("request.concluded", request + "-out", town, "\"requestId\":\"" + request
                + "\",\"date\":\"" + year + "-05-" + String.format("%02d", i) + "\",\"outcome\":\""
                + (i % 3 == 0 ? "partially_granted" : "granted") + "\""));
          }
        }
        String appeal = "ui-" + town + "-" + year + "-A";
        lines.add(line("appeal.filed", appeal + "-in", town, "\"caseId\":\"" + appeal + "\",\"date\":\"" + year
            + "-06-01\",\"kind\":\"reconsideration\""));
        lines.add(line("appeal.decided", appeal + "-out", town, "\"caseId\":\"" + appeal + "\",\"date\":\"" + year
            + "-07-01\",\"result\":\"" + (year == 2022 ? "corrected" : "upheld") + "\""));
        if (year == 2021 && !town.equals(towns.get(0))) {
          lines.add(line("year.closed", "ui-" + town + "-close-2021", town, "\"year\":2021"));
        }
      }
    }
    return lines;
  }

  private static String line(String type, String id, String town, String fields) {
    return "{\"type\":\"" + type + "\",\"eventId\":\"" + id + "\",\"town\":\"" + town + "\"," + fields + "}";
  }

  private static void publish(List<String> lines) throws IOException, InterruptedException {
    EventLines.Result parsed = EventLines.parse(new StringReader(String.join("\n", lines) + "\n"));
    assertEquals(List.of(), parsed.errors(), "the test's events are valid");
    try (EventPublisher publisher = new EventPublisher(SharedBroker.bootstrapServers())) {
      publisher.publish(parsed.events());
    }
  }
}
