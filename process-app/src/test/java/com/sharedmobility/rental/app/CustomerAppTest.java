package com.sharedmobility.rental.app;

import static com.sharedmobility.rental.app.Browser.click;
import static com.sharedmobility.rental.app.Browser.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.payment.PaymentAdapter;
import com.sharedmobility.rental.payment.PaymentDeclinedException;
import com.sharedmobility.rental.payment.PaymentClient.PaymentReceipt;
import com.sharedmobility.rental.payment.PaymentUnavailableException;
import com.sharedmobility.rental.process.RentalProcess;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplyForRental;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.util.Cookie;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The customer app driven through its pages as a customer would, in a browser that runs the app's script
 * (HtmlUnit): sign in, apply, watch the key arrive without reloading, my page, cancel; each refusal told as a
 * sentence; another customer's rental, staff accounts and forms without their CSRF token refused.
 */
class CustomerAppTest extends RentalTestBase {

  @LocalServerPort
  int port;
  @Autowired
  ApplyForRental applyForRental;
  @Autowired
  RentalReadModel readModel;

  private final List<Browser> browsers = new ArrayList<>();

  @AfterEach
  void closeBrowsers() {
    browsers.forEach(Browser::close);
  }

  @Test
  void aCustomerRentsWatchesTheKeyArriveOnTheSameScreenAndCancels() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    when(payments.refund(any())).thenReturn(REFUNDED);
    Browser browser = browser();

    HtmlPage vehicles = browser.signIn("alice");
    assertThat(vehicles.getTitleText()).isEqualTo("Rent a vehicle · Shared Mobility");
    assertThat(text(card(vehicles, "bike-01"))).contains("City Bike", "Bike", "Free now", "€2.50 for 1 hour");

    ((HtmlInput) vehicles.getElementById("hours")).setValue("2");
    vehicles = click(vehicles.querySelector("form.filters button"));
    assertThat(text(card(vehicles, "bike-01"))).contains("€5.00 for 2 hours");
    assertThat(text(card(vehicles, "car-01"))).contains("€24.00 for 2 hours");

    HtmlPage rental = click(card(vehicles, "bike-01").querySelector("form.apply button"));
    assertThat(rental.getUrl().getPath()).matches("/app/rentals/[0-9a-f-]{36}");
    assertThat(text(rental)).contains("Your rental of City Bike", "Paid. Your key is being made", "€5.00");
    assertThat(rental.querySelector(".steps li[aria-current=step]").asNormalizedText()).isEqualTo("Key");
    String rentalId = rental.getUrl().getPath().substring("/app/rentals/".length());

    // the key worker issues the key; the screen that is open shows it without a reload
    complete(externalTask(instance(rentalId)), withVariables(RentalProcess.Variables.KEY, "0427"));
    // the script swaps the part in, then starts the countdown: wait for both, HtmlUnit runs it on its own thread
    browser.await(rental, p -> p.querySelector(".digits") != null
        && !p.querySelector("[data-ends-at]").asNormalizedText().isEmpty(), "the key and its time left");
    assertThat(browser.client.getCurrentWindow().getEnclosedPage()).isSameAs(rental);
    assertThat(rental.querySelector(".digits").asNormalizedText()).contains("0427");
    assertThat(text(rental)).contains("Your rental has started", "Runs out at");
    assertThat(rental.querySelector(".steps li[aria-current=step]").asNormalizedText()).isEqualTo("Ready to ride");
    assertThat(rental.querySelector("[data-ends-at]").asNormalizedText()).matches("\\(\\d+:\\d\\d left\\)");

    HtmlPage myPage = click(rental.querySelector("a[href='/app/mypage']"));
    assertThat(text(myPage)).contains("My rentals", "City Bike", "Active", "€5.00", "Paid");

    HtmlPage confirm = click(myPage.querySelector("a.button[href$='/cancel']"));
    assertThat(text(confirm)).contains("Cancel this rental?", "City Bike for 2 hours", "You get €5.00 back.",
        "Your key stops working at once.");
    HtmlPage cancelling = click(confirm.querySelector("button.danger"));
    assertThat(text(cancelling)).contains("We are cancelling your rental", "Cancelling: the key is being switched off");
    assertThat(cancelling.querySelectorAll(".digits")).isEmpty();

    // the key service revokes the key, then the refund runs: the open screen follows
    ProcessInstance pi = instance(rentalId);
    complete(externalTask(pi));
    execute(job(pi));
    browser.await(cancelling, p -> text(p).contains("Cancelled."), "the rental cancelled");
    assertThat(text(cancelling)).contains("Refunded");
    verify(payments).refund(rentalId);
    assertThat(text(click(cancelling.querySelector("a[href='/app/mypage']")))).contains("Cancelled", "Refunded");
  }

  @Test
  void aCustomerReturnsTheVehicleEarlyAndSeesWhatComesBack() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    when(payments.refund(any(), any())).thenReturn(new PaymentReceipt("any", "PARTLY_REFUNDED",
        new BigDecimal("7.50"), new BigDecimal("5.00"), "EUR", Instant.now()));
    Browser browser = browser();
    browser.signIn("alice");
    HtmlPage rental = click(card(browser.open("/?hours=3"), "bike-01").querySelector("form.apply button"));
    String rentalId = rental.getUrl().getPath().substring("/app/rentals/".length());
    complete(externalTask(instance(rentalId)), withVariables(RentalProcess.Variables.KEY, "0427"));
    rental = browser.open("/app/rentals/" + rentalId);

    HtmlPage confirm = click(rental.querySelector("a.button[href$='/return']"));
    assertThat(text(confirm)).contains("Return the vehicle now?", "City Bike for 3 hours",
        "You have begun 1 hour of 3.", "You get €5.00 back for the hours you have not begun.",
        "Your key stops working at once.");
    HtmlPage returning = click(confirm.querySelector("button.danger"));
    assertThat(text(returning)).contains("We are ending your rental", "Returned: the key is being switched off");
    assertThat(returning.querySelectorAll(".digits")).isEmpty();
    assertThat(returning.querySelectorAll("a.button[href$='/cancel']")).isEmpty();

    // the key service revokes the key, then the unused hours go back: the open screen follows
    ProcessInstance pi = instance(rentalId);
    complete(externalTask(pi));
    execute(job(pi));
    browser.await(returning, p -> text(p).contains("This rental has ended."), "the rental completed");
    assertThat(text(returning)).contains("Partly refunded", "Refunded\n€5.00");
    verify(payments).refund(rentalId, new BigDecimal("5.00"));
    assertThat(text(click(returning.querySelector("a[href='/app/mypage']"))))
        .contains("Ended", "Partly refunded", "Refunded\n€5.00");
  }

  @Test
  void aCustomerExtendsTheRentalSeeingTheExtraPriceAndTheNewEndAndATapTwiceExtendsOnce() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    when(payments.extend(any(), any(), any(), any())).thenReturn(CHARGED);
    Browser browser = browser();
    HtmlPage rental = apply(browser.signIn("alice"), "bike-02", "pm_card_visa");
    String rentalId = rental.getUrl().getPath().substring("/app/rentals/".length());
    complete(externalTask(instance(rentalId)), withVariables(RentalProcess.Variables.KEY, "0427"));
    rental = browser.open("/app/rentals/" + rentalId);

    HtmlPage offer = click(rental.querySelector("a.button[href$='/extend']"));
    assertThat(text(offer)).contains("Extend your rental", "Trekking Bike for 1 hour",
        "1 more hour costs €2.50, charged now to the card you paid with.", "Your rental then runs until");
    assertThat(((HtmlSelect) offer.getElementById("hours")).getOptions()).hasSize(23);
    ((HtmlSelect) offer.getElementById("hours")).setSelectedAttribute("4", true);
    offer = click(offer.querySelector("form.filters button"));
    // five hours in all cost 2.00 an hour
    assertThat(text(offer)).contains("4 more hours cost €7.50");
    ((HtmlSelect) offer.getElementById("hours")).setSelectedAttribute("2", true);
    offer = click(offer.querySelector("form.filters button"));
    assertThat(text(offer)).contains("2 more hours cost €5.00");
    HtmlElement confirm = offer.querySelector("main form[method=post] button");

    HtmlPage extended = click(confirm);
    HtmlPage again = click(confirm);

    assertThat(text(extended)).contains("Your rental is extended", "€7.50", "Hours\n3");
    assertThat(text(again)).contains("Hours\n3");
    verify(payments, times(1)).extend(eq(rentalId), any(), eq(new BigDecimal("5.00")), eq("EUR"));
  }

  @Test
  void aRentFormSentTwiceRentsOnceAndBothTapsShowTheSameRental() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    HtmlPage vehicles = browser().signIn("alice");
    HtmlElement rent = card(vehicles, "bike-03").querySelector("form.apply button");

    HtmlPage first = click(rent);
    // the same form once more, as a second tap (or the browser's resend) sends it
    HtmlPage second = click(rent);

    assertThat(first.getUrl().getPath()).matches("/app/rentals/[0-9a-f-]{36}");
    assertThat(second.getUrl()).isEqualTo(first.getUrl());
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(RentalProcess.PROCESS_KEY).count()).isEqualTo(1);
    verify(payments, times(1)).charge(any(), any());
    // a new page has new forms: the next tap is a new application (the vehicle is taken now)
    HtmlPage again = click(card(browser(vehicles).open("/"), "bike-04").querySelector("form.apply button"));
    assertThat(again.getUrl()).isNotEqualTo(first.getUrl());
  }

  @Test
  void theVehiclesShowWhichAreFreeAndWhatTheHoursCostFromThePriceList() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    applyForRental.apply("bob", "bike-02", 1, null, null);

    HtmlPage vehicles = browser().signIn("alice");

    assertThat(text(card(vehicles, "bike-02"))).contains("Rented right now");
    assertThat(card(vehicles, "bike-02").querySelectorAll("form.apply")).isEmpty();
    assertThat(card(vehicles, "bike-01").querySelectorAll("form.apply")).isNotEmpty();
    HtmlPage tooLong = browser(vehicles).open("/?hours=30");
    assertThat(text(card(tooLong, "car-01"))).contains("Cannot be rented for 30 hours: choose fewer hours.");
    assertThat(card(tooLong, "car-01").querySelectorAll("form.apply")).isEmpty();
    HtmlPage notANumber = browser(vehicles).open("/?hours=two");
    assertThat(text(notANumber)).contains("Hours must be a whole number of at least 1.");
    assertThat(notANumber.getElementById("hours").getAttribute("aria-invalid")).isEqualTo("true");
    HtmlPage cars = browser(vehicles).open("/?type=CAR");
    assertThat(cars.querySelectorAll("li.card")).isNotEmpty()
        .allSatisfy(card -> assertThat(card.asNormalizedText()).contains("Car"));
  }

  @Test
  void aDeclinedCardIsToldOnTheRentalScreen() throws Exception {
    when(payments.charge(any(), any())).thenThrow(new PaymentDeclinedException("declined"));
    HtmlPage vehicles = browser().signIn("alice");

    HtmlPage rental = apply(vehicles, "bike-03", "pm_card_chargeDeclined");

    assertThat(text(rental)).contains("Your card was declined. Nothing was charged and this rental did not start.");
    assertThat(rental.querySelectorAll("a[href$='/cancel']")).isEmpty();
  }

  @Test
  void aPaymentServiceThatIsDownLeavesTheRentalWaitingAndSaysSo() throws Exception {
    when(payments.charge(any(), any())).thenThrow(new PaymentUnavailableException("down", null));
    HtmlPage vehicles = browser().signIn("alice");

    HtmlPage rental = apply(vehicles, "bike-04", "pm_card_visa");

    assertThat(text(rental)).contains("The payment service is not answering right now. We will try your payment"
        + " again automatically");
    assertThat(rental.querySelector(".steps li[aria-current=step]").asNormalizedText()).isEqualTo("Payment");
  }

  @Test
  void aVehicleTakenMeanwhileIsToldAndNothingIsCharged() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    HtmlPage vehicles = browser().signIn("alice");
    applyForRental.apply("bob", "bike-05", 1, null, null);

    HtmlPage back = apply(vehicles, "bike-05", "pm_card_visa");

    assertThat(back.getUrl().getPath()).isEqualTo("/");
    assertThat(text(back)).contains("Someone else has just rented this vehicle. Nothing was charged");
    assertThat(text(card(back, "bike-05"))).contains("Rented right now");
    assertThat(readModel.newestOf("alice", 10)).isEmpty();
  }

  @Test
  void aBusyServiceIsToldAndStartsNothing() throws Exception {
    when(payments.charge(any(), any())).thenThrow(
        BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults(PaymentAdapter.CHARGES)));
    HtmlPage vehicles = browser().signIn("alice");

    HtmlPage back = apply(vehicles, "bike-06", "pm_card_visa");

    assertThat(text(back)).contains("We are very busy right now and could not start your rental.");
    assertThat(readModel.newestOf("alice", 10)).isEmpty();
  }

  @Test
  void badInputIsToldAndStartsNothing() throws Exception {
    HtmlPage vehicles = browser().signIn("alice");
    HtmlElement form = card(vehicles, "bike-07").querySelector("form.apply");
    ((HtmlInput) form.querySelector("input[name=hours]")).setValue("0");

    HtmlPage back = click(form.querySelector("button"));

    assertThat(text(back)).contains("Please choose a vehicle, a whole number of hours and one of the payment"
        + " methods offered.");
    verifyNoInteractions(payments);
    assertThat(readModel.newestOf("alice", 10)).isEmpty();
  }

  @Test
  void anotherCustomersRentalIsNotFoundAndCannotBeCancelled() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    RentalView alices = applyForRental.apply("alice", "car-02", 1, null, null);
    Browser bob = browser();
    HtmlPage bobsVehicles = bob.signIn("bob");

    HtmlPage notFound = bob.open("/app/rentals/" + alices.id());
    HtmlPage confirm = bob.open("/app/rentals/" + alices.id() + "/cancel");

    assertThat(notFound.getWebResponse().getStatusCode()).isEqualTo(404);
    assertThat(text(notFound)).contains("We cannot find that rental among yours.").doesNotContain("car-02");
    assertThat(confirm.getWebResponse().getStatusCode()).isEqualTo(404);
    HtmlPage cancel = bob.client.getPage(
        post(bob, "/app/rentals/" + alices.id() + "/cancel", csrfToken(bobsVehicles)));
    assertThat(cancel.getWebResponse().getStatusCode()).isEqualTo(404);
    assertThat(readModel.findOwned(alices.id(), "alice")).get().extracting(RentalView::status)
        .isEqualTo(RentalStatus.KEY_PENDING);
    assertThat(text(bob.open("/app/mypage"))).contains("You have no rentals yet.");
  }

  @Test
  void aFormWithoutItsCsrfTokenIsRefusedAndStartsNothing() throws Exception {
    Browser browser = browser();
    browser.signIn("alice");

    HtmlPage refused = browser.client.getPage(post(browser, "/app/rentals", null));

    assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
    assertThat(text(refused)).contains("This form had expired, so nothing was sent.");
    verifyNoInteractions(payments);
    assertThat(readModel.newestOf("alice", 10)).isEmpty();
  }

  @Test
  void anExpiredSessionSendsTheCustomerToSignInAgainWithASentence() throws Exception {
    Browser browser = browser();
    HtmlPage vehicles = browser.signIn("alice");
    browser.client.getCookieManager().clearCookies();
    browser.client.getCookieManager()
        .addCookie(new Cookie("localhost", "JSESSIONID", "ended-long-ago", "/", null, false));

    HtmlPage login = apply(vehicles, "bike-08", "pm_card_visa");

    assertThat(login.getUrl().getPath()).isEqualTo("/app/login");
    assertThat(text(login)).contains("Your session has expired, so nothing was sent. Please sign in again.");
    verifyNoInteractions(payments);
  }

  @Test
  void staffAccountsAreToldTheyAreNoCustomersAndWrongPasswordsAreTold() throws Exception {
    HtmlPage staff = browser().signIn("ops");
    HtmlPage wrong = browser().signIn("alice", "not-her-password");

    assertThat(staff.getWebResponse().getStatusCode()).isEqualTo(403);
    assertThat(text(staff)).contains("This account belongs to our staff and cannot rent vehicles.");
    assertThat(text(wrong)).contains("That name and password do not match.");
  }

  @Test
  void myPageShowsTheNewestFirstAPageAtATime() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    List<String> vehicles = List.of("bike-01", "bike-02", "bike-03", "bike-04", "bike-05", "bike-06", "bike-07",
        "bike-08", "scooter-01", "scooter-02", "car-01", "car-02", "car-03");
    vehicles.forEach(v -> applyForRental.apply("alice", v, 1, null, null));
    Browser browser = browser();
    browser.signIn("alice");

    HtmlPage first = browser.open("/app/mypage");
    HtmlPage older = click(first.querySelector("nav.pages a"));

    assertThat(first.querySelectorAll("li.card")).hasSize(12);
    assertThat(first.querySelector("li.card h2").asNormalizedText()).isEqualTo(name("car-03"));
    assertThat(older.querySelectorAll("li.card")).hasSize(1);
    assertThat(older.querySelector("li.card h2").asNormalizedText()).isEqualTo(name("bike-01"));
    assertThat(text(older)).contains("Newest rentals").doesNotContain("Older rentals");
  }

  @Test
  void aRentalThatEndedWhileTheCustomerConfirmedIsToldNotCancellable() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    Browser browser = browser();
    HtmlPage vehicles = browser.signIn("alice");
    HtmlPage rental = apply(vehicles, "car-03", "pm_card_visa");
    String rentalId = rental.getUrl().getPath().substring("/app/rentals/".length());
    ProcessInstance pi = instance(rentalId);
    complete(externalTask(pi), withVariables(RentalProcess.Variables.KEY, "1111"));
    HtmlPage confirm = browser.open("/app/rentals/" + rentalId + "/cancel");

    // the rental runs out while the customer reads: time up, key revoked
    execute(job(pi));
    complete(externalTask(pi));
    HtmlPage told = click(confirm.querySelector("button.danger"));

    assertThat(text(told)).contains("This rental has already ended, so it can no longer be cancelled.",
        "This rental has ended.");
  }

  @Test
  void aRentalWhoseVehicleWasUnlockedIsToldItCanOnlyBeReturned() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    Browser browser = browser();
    HtmlPage rental = apply(browser.signIn("alice"), "car-04", "pm_card_visa");
    String rentalId = rental.getUrl().getPath().substring("/app/rentals/".length());
    complete(externalTask(instance(rentalId)), withVariables(RentalProcess.Variables.KEY, "2222"));
    // the key service: this key opened the vehicle already
    when(keys.withdraw(rentalId)).thenThrow(keyServiceAnswer(409));

    HtmlPage told = click(browser.open("/app/rentals/" + rentalId + "/cancel").querySelector("button.danger"));

    assertThat(text(told)).contains("You have unlocked the vehicle with your key, so this rental can no longer be"
        + " cancelled.", "2222");
    verify(payments, never()).refund(any());
  }

  /** An operator ended it: the screen says where the money stands and follows the settlement until it is back. */
  @Test
  void anAbortedRentalsScreenFollowsItsMoneyUntilItIsBack() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    when(payments.refund(any())).thenReturn(REFUNDED);
    Browser browser = browser();
    HtmlPage rental = apply(browser.signIn("alice"), "car-03", "pm_card_visa");
    String rentalId = rental.getUrl().getPath().substring("/app/rentals/".length());
    ProcessInstance pi = instance(rentalId);
    complete(externalTask(pi), withVariables(RentalProcess.Variables.KEY, "3333"));

    engine.getRuntimeService().deleteProcessInstance(pi.getId(), "deleted in Cockpit", true);
    HtmlPage aborted = browser.open("/app/rentals/" + rentalId);
    assertThat(text(aborted)).contains("We had to end this rental", "your money is being refunded")
        .doesNotContain("3333");

    ProcessInstance settlement = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(RentalProcess.ABORT_PROCESS_KEY).processInstanceBusinessKey(rentalId).singleResult();
    complete(externalTask(settlement));
    execute(job(settlement));

    browser.await(aborted, p -> text(p).contains("your money is refunded"), "the money refunded");
    assertThat(text(aborted)).doesNotContain("being refunded");
  }

  @Test
  void anAbortedRentalThatWasNeverChargedSaysNothingWasCharged() throws Exception {
    when(payments.charge(any(), any())).thenThrow(new PaymentUnavailableException("down", null));
    Browser browser = browser();
    HtmlPage rental = apply(browser.signIn("alice"), "car-04", "pm_card_visa");
    String rentalId = rental.getUrl().getPath().substring("/app/rentals/".length());

    engine.getRuntimeService().deleteProcessInstance(instance(rentalId).getId(), "deleted in Cockpit", true);

    HtmlPage aborted = browser.open("/app/rentals/" + rentalId);
    assertThat(text(aborted)).contains("We had to end this rental", "nothing was charged")
        .doesNotContain("refunded");
    assertThat(aborted.querySelectorAll(".status")).hasSize(1);
    assertThat(aborted.querySelectorAll("[data-poll-millis]")).as("nothing moves any more: the screen stops asking")
        .isEmpty();
  }

  @Test
  void withoutScriptTheRentalScreenOffersALinkToItsLatestState() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    HtmlPage rental = apply(browser().signIn("alice"), "bike-01", "pm_card_visa");
    String rentalId = rental.getUrl().getPath().substring("/app/rentals/".length());

    assertThat(rental.getWebResponse().getContentAsString())
        .containsPattern("<noscript>\\s*<p><a href=\"/app/rentals/" + rentalId + "\">Show the latest state");
  }

  /** The browser's language picks Korean; the switch in the header picks English, and the choice sticks. */
  @Test
  void aKoreanBrowserGetsTheAppInKoreanUntilTheCustomerSwitchesToEnglish() throws Exception {
    Browser browser = browserAsking("ko-KR,ko;q=0.9,en;q=0.5");

    HtmlPage login = browser.open("/");
    assertThat(login.getDocumentElement().getAttribute("lang")).isEqualTo("ko");
    assertThat(text(login)).contains("로그인");
    HtmlPage vehicles = browser.signIn("alice");
    assertThat(vehicles.getDocumentElement().getAttribute("lang")).isEqualTo("ko");
    assertThat(text(vehicles)).contains("이동수단 대여", "지금 이용 가능", "1시간 €2.50");

    HtmlPage english = click(vehicles.querySelector(".languages a[hreflang=en]"));
    assertThat(english.getDocumentElement().getAttribute("lang")).isEqualTo("en");
    assertThat(text(english)).contains("Rent a vehicle", "€2.50 for 1 hour");
    HtmlPage myPage = click(english.querySelector("a[href='/app/mypage']"));
    assertThat(text(myPage)).as("the choice sticks").contains("My rentals");
    assertThat(myPage.querySelector(".languages a").getAttributes().getNamedItem("hreflang").getNodeValue())
        .isEqualTo("ko");
  }

  @Test
  void aBrowserAskingForALanguageTheAppDoesNotSpeakGetsEnglish() throws Exception {
    HtmlPage login = browserAsking("de-DE,de;q=0.9").open("/");

    assertThat(login.getDocumentElement().getAttribute("lang")).isEqualTo("en");
    assertThat(text(login)).contains("Sign in");
  }

  @Test
  void signingOutEndsTheSession() throws Exception {
    Browser browser = browser();
    HtmlPage vehicles = browser.signIn("alice");

    HtmlPage signedOut = click(vehicles.querySelector("form.signout button"));
    HtmlPage again = browser.open("/app/mypage");

    assertThat(text(signedOut)).contains("You are signed out");
    assertThat(again.getUrl().getPath()).isEqualTo("/app/login");
  }

  @Test
  void pagesAreServedWithAStrictContentSecurityPolicyAndNoInlineScript() throws Exception {
    HtmlPage vehicles = browser().signIn("alice");

    assertThat(vehicles.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
        .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
            "form-action 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(vehicles.getWebResponse().getResponseHeaderValue("X-Frame-Options")).isEqualTo("DENY");
    assertThat(vehicles.querySelectorAll("script")).isNotEmpty()
        .allSatisfy(script -> assertThat(((HtmlElement) script).getAttribute("src")).isNotBlank());
    assertThat(vehicles.querySelectorAll("[style]")).isEmpty();
    assertThat(vehicles.getDocumentElement().getAttribute("lang")).isEqualTo("en");
  }

  private Browser browser() {
    Browser browser = new Browser(port);
    browsers.add(browser);
    return browser;
  }

  /** A browser whose user prefers these languages (an {@code Accept-Language} header). */
  private Browser browserAsking(String languages) {
    Browser browser = browser();
    browser.client.addRequestHeader("Accept-Language", languages);
    return browser;
  }

  /** The browser a page was opened in. */
  private Browser browser(HtmlPage page) {
    return browsers.stream().filter(b -> b.client == page.getWebClient()).findFirst().orElseThrow();
  }

  private static HtmlElement card(HtmlPage vehicles, String vehicleId) {
    HtmlElement card = (HtmlElement) vehicles.getElementById("vehicle-" + vehicleId);
    assertThat(card).as("the card of " + vehicleId).isNotNull();
    return card;
  }

  private static HtmlPage apply(HtmlPage vehicles, String vehicleId, String paymentMethod) throws Exception {
    HtmlElement form = card(vehicles, vehicleId).querySelector("form.apply");
    ((HtmlSelect) form.querySelector("select")).setSelectedAttribute(paymentMethod, true);
    return click(form.querySelector("button"));
  }

  private String name(String vehicleId) {
    return jdbc.sql("SELECT name FROM mobility WHERE id = :id").param("id", vehicleId).query(String.class).single();
  }

  private ProcessInstance instance(String rentalId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(rentalId)
        .processDefinitionKey(RentalProcess.PROCESS_KEY).singleResult();
  }

  private static String csrfToken(HtmlPage page) {
    return ((HtmlInput) page.querySelector("input[name=_csrf]")).getValue();
  }

  /** A form post as a foreign page could send it: with the session cookie, with or without the CSRF token. */
  private static WebRequest post(Browser browser, String path, String csrfToken) {
    WebRequest request = new WebRequest(browser.url(path), HttpMethod.POST);
    List<NameValuePair> fields = new ArrayList<>(List.of(new NameValuePair("mobilityId", "bike-01"),
        new NameValuePair("hours", "1"), new NameValuePair("paymentMethod", "pm_card_visa")));
    if (csrfToken != null) {
      fields.add(new NameValuePair("_csrf", csrfToken));
    }
    request.setRequestParameters(fields);
    return request;
  }
}
