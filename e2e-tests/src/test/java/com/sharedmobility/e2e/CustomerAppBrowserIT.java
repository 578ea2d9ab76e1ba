package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.e2e.RentalStack.Mobility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The customer app in a real browser (headless Chromium, the size of a phone) against the packaged services on
 * PostgreSQL: alice signs in, rents a vehicle, watches its key arrive, finds it on my page and cancels it. Every
 * page is checked with axe-core (no serious or critical violation); the rental screen with its key and my page are
 * saved as screenshots (target/screenshots; e2e-tests/refresh-screenshots.sh writes the README's). {@code ./mvnw
 * verify} runs it after e2e-tests/browser/install.sh installed Chromium, its driver and axe-core.
 */
@Order(2400)
class CustomerAppBrowserIT extends E2eTest {

  private static final Path SCREENSHOTS = Path.of(System.getProperty("e2e.screenshotDir", "target/screenshots"));
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /**
   * Long enough to stay ACTIVE for the screenshots with the stack's short rental hour; one hour short of the price
   * list's day, so that one more can be offered.
   */
  private static final int HOURS = 23;

  private static WebDriver browser;
  private static String axe;

  @BeforeAll
  static void startBrowser() throws IOException {
    axe = Files.readString(Path.of(System.getProperty("e2e.axeScript",
        "browser/node_modules/axe-core/axe.min.js")));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    // the flags that keep Chromium from calling home on a closed network; a phone's viewport
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=412,915", "--user-data-dir=" + Files.createTempDirectory("chromium"));
    ChromeDriverService driver = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver")).toFile())
        .build();
    browser = new ChromeDriver(driver, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aliceRentsAVehicleSeesItsKeyOnMyPageAndCancelsIt() throws IOException {
    Mobility vehicle = stack.claimVehicle();
    String app = stack.processApp().baseUrl();

    browser.get(app + "/");
    assertThat(browser.getCurrentUrl()).endsWith("/app/login");
    assertAccessible("sign-in");
    browser.findElement(By.id("username")).sendKeys("alice");
    browser.findElement(By.id("password")).sendKeys("alice");
    browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    awaitHeading("Rent a vehicle");
    assertAccessible("vehicles");

    WebElement card = vehicleCard(app, vehicle);
    assertThat(card.getText()).contains(vehicle.name(), "Free now", "for " + HOURS + " hours");
    card.findElement(By.cssSelector("form.apply button")).click();
    awaitHeading("Your rental of " + vehicle.name());

    // the key worker issues the key; the screen shows it without a reload: the digits as seen (a screen reader hears
    // them one by one from a visually hidden twin)
    awaitText(By.cssSelector(".digits [aria-hidden=true]"), "\\d{4}");
    awaitText(By.cssSelector("[data-ends-at]"), "\\(\\d+:\\d\\d left\\)");
    assertAccessible("rental");
    screenshot("app-rental.png");
    String rentalScreen = browser.getCurrentUrl();

    browser.findElement(By.linkText("My rentals")).click();
    awaitHeading("My rentals");
    assertThat(browser.findElement(By.cssSelector("li.card")).getText()).contains(vehicle.name(), "Active", "Paid");
    assertAccessible("my page");
    screenshot("app-mypage.png");

    // more hours: their price and the new end, confirmed once; the rental screen then shows the new total
    browser.get(rentalScreen);
    browser.findElement(By.linkText("Extend this rental")).click();
    awaitHeading("Extend your rental");
    awaitText(By.tagName("main"), "(?s).*1 more hour costs €\\d+\\.\\d\\d.*");
    assertAccessible("extend");
    screenshot("app-extend.png");
    browser.findElement(By.cssSelector("main form[method=post] button")).click();
    awaitText(By.cssSelector(".notice"), "Your rental is extended.*");
    awaitText(By.id("rental-status"), "(?s).*Hours\\s+" + (HOURS + 1) + ".*");

    // returning it would give back the hours not begun: shown, not done
    browser.findElement(By.linkText("Return the vehicle")).click();
    awaitHeading("Return the vehicle now?");
    awaitText(By.tagName("main"), "(?s).*You get €\\d+\\.\\d\\d back for the hours you have not begun.*");
    assertAccessible("return");
    screenshot("app-return.png");

    browser.get(rentalScreen);
    browser.findElement(By.linkText("Cancel this rental")).click();
    awaitHeading("Cancel this rental?");
    assertAccessible("cancel");
    browser.findElement(By.cssSelector("button.danger")).click();
    // the status part is replaced while the rental moves: wait for its final words, not for the first of them
    awaitText(By.id("rental-status"), "(?s)(?=.*Cancelled\\.)(?=.*Refunded).*");
  }

  /** Pages through the catalogue (the rental's hours chosen) until the vehicle's card shows. */
  private static WebElement vehicleCard(String app, Mobility vehicle) {
    browser.get(app + "/?hours=" + HOURS);
    while (true) {
      List<WebElement> card = browser.findElements(By.id("vehicle-" + vehicle.idText()));
      if (!card.isEmpty()) {
        return card.get(0);
      }
      List<WebElement> more = browser.findElements(By.linkText("More vehicles"));
      assertThat(more).as("a page with " + vehicle.idText()).isNotEmpty();
      more.get(0).click();
    }
  }

  /**
   * Waits for the next page's heading: right after a click the old page's h1 may still be found, and then go stale.
   */
  private static void awaitHeading(String text) {
    new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
  }

  /** Waits until the element's text matches; the rental screen replaces its status part while it polls. */
  private static void awaitText(By element, String regex) {
    new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
        .withMessage(() -> element + " to match " + regex)
        .until(d -> d.findElement(element).getText().matches(regex));
  }

  /** axe-core's verdict on the page as it is now: no violation of impact serious or critical. */
  @SuppressWarnings("unchecked")
  private static void assertAccessible(String page) {
    Object result = ((JavascriptExecutor) browser).executeAsyncScript(axe
        + "\nvar done = arguments[arguments.length - 1];"
        + "\naxe.run(document, { resultTypes: ['violations'] }).then(function (r) {"
        + "  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
        + "    .map(function (v) { return v.id + ' (' + v.impact + '): ' + v.help + ' at '"
        + "      + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }));"
        + "}, function (e) { done(['axe failed: ' + e]); });");
    assertThat((List<String>) result).as("serious accessibility violations on the %s page", page).isEmpty();
  }

  private static void screenshot(String name) throws IOException {
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    LOG.info("screenshot {}", SCREENSHOTS.resolve(name).toAbsolutePath());
  }
}
