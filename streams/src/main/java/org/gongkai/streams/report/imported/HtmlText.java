package org.gongkai.streams.report.imported;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.gongkai.streams.report.imported.PublishedText.Block;
import org.gongkai.streams.report.imported.PublishedText.Paragraph;
import org.gongkai.streams.report.imported.PublishedText.Row;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * A published report as HTML (a government site's page, a Word document saved as a web page) in
 * the blocks of {@link PublishedText}: each {@code <tr>} a row of its cells' text, every other
 * run of text between block elements and {@code <br>} a paragraph, with the line where it starts
 * in the source. A merged cell ({@code rowspan}, {@code colspan}) is one cell where it is printed
 * and nothing in the rows or columns it spans: labels are found by their text, values by their
 * place after the label, as in the text layouts.
 */
final class HtmlText {
  private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
      "section", "article", "header", "footer", "main", "body", "center", "blockquote", "pre", "dd", "dt", "dl",
      "form", "caption", "title");
  private static final Pattern LOOKS_LIKE_HTML =
      Pattern.compile("(?is)^\\s*(?:<!doctype\\s+html|<html|<\\?xml[^>]*>\\s*<html)|<table[\\s>]|<body[\\s>]|<p[\\s>]");

  private HtmlText() {}

  /** Whether the text is HTML rather than plain text. */
  static boolean isHtml(String text) {
    return LOOKS_LIKE_HTML.matcher(text.length() > 4096 ? text.substring(0, 4096) : text).find()
        || text.stripLeading().startsWith("<") && text.toLowerCase(Locale.ROOT).contains("<table");
  }

  static List<Block> blocks(String html) {
    Document doc = Parser.htmlParser().setTrackPosition(true).parseInput(html, "");
    Walker walker = new Walker();
    Element title = doc.head().selectFirst("title");
    if (title != null) {
      walker.paragraph(title.text(), line(title));
    }
    // iterative: a page nested ten thousand deep does not overflow the stack
    NodeTraversor.filter(walker, doc.body());
    walker.flush();
    return walker.blocks;
  }

  private static int line(Node node) {
    int line = node.sourceRange().start().lineNumber();
    return Math.max(line, 1);
  }

  /** Text runs between block boundaries become paragraphs; each table its rows. */
  private static final class Walker implements NodeFilter {
    final List<Block> blocks = new ArrayList<>();
    final StringBuilder text = new StringBuilder();
    int textLine;

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode t) {
        append(t.text(), line(t));
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element e)) {
        return FilterResult.CONTINUE;
      }
      String tag = e.normalName();
      if (tag.equals("table")) {
        flush();
        table(e);
        return FilterResult.SKIP_ENTIRELY;
      }
      if (tag.equals("script") || tag.equals("style")) {
        return FilterResult.SKIP_ENTIRELY;
      }
      if (tag.equals("br") || BLOCKS.contains(tag)) {
        flush();
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
        flush();
      }
      return FilterResult.CONTINUE;
    }

    void append(String s, int line) {
      if (s.isBlank()) {
        if (!text.isEmpty()) {
          text.append(' ');
        }
        return;
      }
      if (text.isEmpty() || text.toString().isBlank()) {
        textLine = line;
      }
      text.append(s);
    }

    void flush() {
      paragraph(text.toString(), textLine);
      text.setLength(0);
    }

    void paragraph(String s, int line) {
      String stripped = s.strip();
      if (!PublishedText.isBlank(stripped)) {
        blocks.add(new Paragraph(stripped, line));
      }
    }

    /** Its own rows, not those of a table nested in a cell (those are read as cells' text). */
    void table(Element table) {
      for (Element tr : table.select("tr")) {
        if (tr.closest("table") != table) {
          continue;
        }
        List<String> cells = new ArrayList<>();
        for (Element cell : tr.children()) {
          if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
            cells.add(cell.text().strip());
          }
        }
        if (!cells.isEmpty()) {
          blocks.add(new Row(List.copyOf(cells), line(tr)));
        }
      }
    }
  }
}
