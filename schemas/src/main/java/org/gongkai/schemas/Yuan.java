package org.gongkai.schemas;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of money in 元 as events carry it, held exactly as fen (0.01 元). The one place for
 * the rule of amounts ({@code amountYuan}): a plain decimal string of ASCII digits, optionally a
 * point and 1 or 2 digits; no sign, exponent or spaces; below 10^15 元 (at most 15 integer
 * digits, leading zeros not counted). Reports show money in 万元 with exactly 4 decimals,
 * rounded once, half up ({@link #wan}).
 */
public record Yuan(long fen) implements Comparable<Yuan> {
  public static final int MAX_INTEGER_DIGITS = 15;
  public static final Yuan ZERO = new Yuan(0);

  /** Sign, integer digits, fraction digits: matched loosely so the message can say what is wrong. */
  private static final Pattern DECIMAL = Pattern.compile("(-?)([0-9]+)(?:\\.([0-9]+))?");

  public Yuan {
    if (fen < 0) {
      throw new IllegalArgumentException("an amount is never negative: " + fen + " fen");
    }
  }

  /** What is wrong with the text as an amount, as a phrase that follows it ("is negative"), or null. */
  public static String problem(String text) {
    if (text == null) {
      return "is missing";
    }
    Matcher m = DECIMAL.matcher(text);
    if (!m.matches()) {
      return "is not a plain decimal in 元 like \"8228.70\"";
    }
    if (!m.group(1).isEmpty()) {
      return new BigDecimal(text).signum() < 0 ? "is negative" : "must not carry a sign";
    }
    if (m.group(3) != null && m.group(3).length() > 2) {
      return "has more than 2 decimals";
    }
    if (m.group(2).replaceFirst("^0+", "").length() > MAX_INTEGER_DIGITS) {
      return "has more than " + MAX_INTEGER_DIGITS + " integer digits";
    }
    return null;
  }

  /** @throws IllegalArgumentException saying what is wrong, quoting the text */
  public static Yuan parse(String text) {
    Yuan amount = read(text);
    if (amount == null) {
      throw new IllegalArgumentException("amountYuan " + Quotes.quote(text) + " " + problem(text));
    }
    return amount;
  }

  /**
   * The amount, or null when the text is not one ({@link #problem} says why). One pass over the
   * characters: the streams read an amount for every award and fee they apply.
   */
  public static Yuan read(String text) {
    if (text == null) {
      return null;
    }
    int n = text.length();
    int i = 0;
    long whole = 0;
    int significant = 0;
    while (i < n && isDigit(text.charAt(i))) {
      whole = whole * 10 + (text.charAt(i) - '0');
      if (whole > 0 && ++significant > MAX_INTEGER_DIGITS) {
        return null;
      }
      i++;
    }
    if (i == 0) {
      return null;
    }
    long fraction = 0;
    if (i < n) {
      if (text.charAt(i) != '.' || n - i - 1 < 1 || n - i - 1 > 2) {
        return null;
      }
      for (int j = i + 1; j < n; j++) {
        if (!isDigit(text.charAt(j))) {
          return null;
        }
        fraction = fraction * 10 + (text.charAt(j) - '0');
      }
      if (n - i - 1 == 1) {
        fraction *= 10;
      }
    }
    return new Yuan(whole * 100 + fraction);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  public static Yuan ofFen(long fen) {
    return new Yuan(fen);
  }

  /** As events write it: exactly 2 decimals, "8228.70". */
  public String text() {
    return BigDecimal.valueOf(fen, 2).toPlainString();
  }

  /** In 万元 with exactly 4 decimals, rounded half up: 145638100 fen → "145.6381". */
  public String wan() {
    return wan(fen);
  }

  /** Fen (possibly a region's sum) in 万元 with exactly 4 decimals, rounded half up. */
  public static String wan(long fen) {
    return BigDecimal.valueOf(fen, 6).setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  public Yuan plus(Yuan other) {
    return new Yuan(Math.addExact(fen, other.fen));
  }

  @Override
  public int compareTo(Yuan other) {
    return Long.compare(fen, other.fen);
  }

  @Override
  public String toString() {
    return text() + " 元";
  }
}
