package com.sharedmobility.rental.app;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.function.Predicate;
import org.htmlunit.BrowserVersion;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;

/**
 * A customer's browser for the app's tests (HtmlUnit, with the app's script running): it signs in through the
 * form, clicks, and waits for the page to change on its own. Pages with a 4xx or 5xx status are returned, not
 * thrown, so that tests can read what the customer reads.
 */
final class Browser implements AutoCloseable {

  private static final Duration PATIENCE = Duration.ofSeconds(15);

  final WebClient client = new WebClient(BrowserVersion.FIREFOX);
  private final String base;

  Browser(int port) {
    this.base = "http://localhost:" + port;
    client.getOptions().setThrowExceptionOnFailingStatusCode(false);
    client.getOptions().setThrowExceptionOnScriptError(true);
    client.getOptions().setCssEnabled(false);
  }

  HtmlPage open(String path) throws IOException {
    return client.getPage(url(path));
  }

  URL url(String path) {
    try {
      return new URL(base + path);
    } catch (IOException e) {
      throw new IllegalArgumentException(path, e);
    }
  }

  /** Opens the app, is sent to the sign-in form, and signs in there. */
  HtmlPage signIn(String user, String password) throws IOException {
    HtmlPage login = open("/");
    ((HtmlInput) login.getElementById("username")).setValue(user);
    ((HtmlInput) login.getElementById("password")).setValue(password);
    return click(login.querySelector("main form button[type=submit]"));
  }

  HtmlPage signIn(String user) throws IOException {
    return signIn(user, user);
  }

  static HtmlPage click(DomElement element) throws IOException {
    if (element == null) {
      fail("nothing to click");
    }
    Page next = ((HtmlElement) element).click();
    if (!(next instanceof HtmlPage page)) {
      throw new AssertionError("not a page: " + next.getWebResponse().getContentType());
    }
    return page;
  }

  /** The text of a page or a part of it as a reader sees it. */
  static String text(DomNode node) {
    return node instanceof HtmlPage page ? page.getBody().asNormalizedText() : node.asNormalizedText();
  }

  /** Waits until the page, updated by its own script, shows what the test expects; fails after a while. */
  void await(HtmlPage page, Predicate<HtmlPage> shows, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!shows.test(page)) {
      if (System.nanoTime() > deadline) {
        fail("the page never showed " + what + "; it shows:%n%s", text(page));
      }
      client.waitForBackgroundJavaScript(100);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
