package org.gongkai.streams.report.imported;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Cells printed run together, without separators ({@code 640020470} for seven cells): every way
 * to cut the printed digit strings, in order, into the cells of a row, each cell a number as it
 * would be printed alone (no leading zero but 0 itself). Which cuts the identities allow is for
 * the caller to say; this only enumerates, and stops at {@link #LIMIT} readings.
 */
final class Cuts {
  /** Readings enumerated at most; more means the print cannot be read. */
  static final int LIMIT = 20_000;
  /** Digits of one cell at most (a count below 10^15). */
  private static final int MAX_DIGITS = 15;

  private Cuts() {}

  /** Whether every token is a plain digit string (what a cut can apply to). */
  static boolean digitsOnly(List<String> tokens) {
    return !tokens.isEmpty() && tokens.stream().allMatch(t -> !t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9'));
  }

  /**
   * The cuts of {@code tokens} into {@code cells} numbers that {@code allowed} accepts.
   *
   * @return null if there are more than {@link #LIMIT} cuts to try
   */
  static List<List<Long>> of(List<String> tokens, int cells, Predicate<List<Long>> allowed) {
    int digits = tokens.stream().mapToInt(String::length).sum();
    if (digits < cells || tokens.size() > cells) {
      return List.of();
    }
    List<List<Long>> found = new ArrayList<>();
    int[] tried = {0};
    boolean complete = cut(tokens, 0, 0, cells, new ArrayList<>(), allowed, found, tried);
    return complete ? found : null;
  }

  private static boolean cut(List<String> tokens, int token, int from, int cells, List<Long> chosen,
      Predicate<List<Long>> allowed, List<List<Long>> found, int[] tried) {
    if (token == tokens.size()) {
      if (chosen.size() == cells) {
        if (++tried[0] > LIMIT) {
          return false;
        }
        if (allowed.test(chosen)) {
          found.add(List.copyOf(chosen));
        }
      }
      return true;
    }
    String t = tokens.get(token);
    int left = cells - chosen.size();
    int tokensAfter = tokens.size() - token - 1;
    int digitsAfter = 0;
    for (int i = token + 1; i < tokens.size(); i++) {
      digitsAfter += tokens.get(i).length();
    }
    if (left <= 0) {
      return true;
    }
    for (int end = from + 1; end <= t.length(); end++) {
      String part = t.substring(from, end);
      if (part.length() > 1 && part.charAt(0) == '0' || part.length() > MAX_DIGITS) {
        break;
      }
      boolean last = end == t.length();
      int remaining = left - 1;
      // the cells still to fill must fit the digits still to cut, one token at least one cell
      int digitsLeft = t.length() - end + digitsAfter;
      if (remaining > digitsLeft || digitsLeft > remaining * MAX_DIGITS
          || (last ? remaining < tokensAfter : remaining < tokensAfter + 1)) {
        continue;
      }
      chosen.add(Long.parseLong(part));
      boolean ok = last ? cut(tokens, token + 1, 0, cells, chosen, allowed, found, tried)
          : cut(tokens, token, end, cells, chosen, allowed, found, tried);
      chosen.remove(chosen.size() - 1);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
