package org.gongkai.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One media range of an Accept header (RFC 9110 section 12.5.1): {@code type/subtype}, either of
 * them {@code *}, with its weight {@code q} (1 when not given) and its place in the header.
 * Parameters other than {@code q} are ignored.
 */
record AcceptRange(String type, String subtype, double q, int order) {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** qvalue: 0 to 1 with at most three decimals. */
  private static final Pattern QVALUE = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

  /**
   * The well-formed ranges of a header, in its order. A malformed range (no slash, a bad token,
   * a bad {@code q}) is left out rather than guessed at; a lone {@code *} is read as {@code *}{@code /*}.
   */
  static List<AcceptRange> parse(String header) {
    List<AcceptRange> ranges = new ArrayList<>();
    int order = 0;
    for (String part : header.split(",")) {
      String[] pieces = part.split(";");
      if (pieces.length == 0) {
        continue;
      }
      String media = pieces[0].trim().toLowerCase(Locale.ROOT);
      if (media.equals("*")) {
        media = "*/*";
      }
      int slash = media.indexOf('/');
      if (slash < 0) {
        continue;
      }
      String type = media.substring(0, slash);
      String subtype = media.substring(slash + 1);
      if (!TOKEN.matcher(type).matches() || !TOKEN.matcher(subtype).matches() || (type.equals("*") && !subtype.equals("*"))) {
        continue;
      }
      Double q = 1.0;
      for (int i = 1; i < pieces.length && q != null; i++) {
        String parameter = pieces[i].trim();
        if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
          String value = parameter.substring(2).trim();
          q = QVALUE.matcher(value).matches() ? Double.valueOf(value) : null;
        }
      }
      if (q != null) {
        ranges.add(new AcceptRange(type, subtype, q, order++));
      }
    }
    return ranges;
  }

  /** The range that decides the weight of a media type: the most specific that matches it, or null. */
  static AcceptRange mostSpecific(List<AcceptRange> ranges, String mediaType) {
    int slash = mediaType.indexOf('/');
    String type = mediaType.substring(0, slash);
    String subtype = mediaType.substring(slash + 1);
    AcceptRange best = null;
    for (AcceptRange range : ranges) {
      int specificity = range.specificity(type, subtype);
      if (specificity >= 0 && (best == null || specificity > best.specificity(type, subtype))) {
        best = range;
      }
    }
    return best;
  }

  /** 2 for the exact type, 1 for {@code type/*}, 0 for {@code *}{@code /*}, -1 when it does not match. */
  private int specificity(String type, String subtype) {
    if (this.type.equals("*")) {
      return 0;
    }
    if (!this.type.equals(type)) {
      return -1;
    }
    if (this.subtype.equals("*")) {
      return 1;
    }
    return this.subtype.equals(subtype) ? 2 : -1;
  }
}
