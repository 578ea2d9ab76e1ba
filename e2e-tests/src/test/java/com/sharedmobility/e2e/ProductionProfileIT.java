package com.sharedmobility.e2e;

import static com.sharedmobility.e2e.E2eTest.assertProblem;
import static com.sharedmobility.e2e.E2eTest.awaitActive;
import static com.sharedmobility.e2e.E2eTest.awaitStatus;
import static com.sharedmobility.e2e.E2eTest.entries;
import static com.sharedmobility.e2e.E2eTest.idsOnMyPage;
import static com.sharedmobility.e2e.E2eTest.rentalId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sharedmobility.e2e.RentalApiClient.Response;
import com.sharedmobility.e2e.TestIssuerExtension.Issuers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three services in the production profile, as deployed: customers sign in with bearer tokens of a real OAuth2 /
 * OpenID Connect issuer (Spring Authorization Server, TestIssuer), the services call each other with generated
 * secrets, nothing is seeded. A customer rents, sees the key, finds the rental on the page, cancels; another
 * customer cannot see or cancel it; a token without the scope, an expired one and one of a foreign issuer are refused.
 */
@Order(2300)
@ExtendWith({TestIssuerExtension.class, RentalStackExtension.class})
@StackSettings(name = "production", profile = "production",
    processApp = {"OAUTH2_ISSUER_URI=${" + TestIssuerExtension.ISSUER + "}", "OAUTH2_CLOCK_SKEW=PT1S",
        "OAUTH2_CLIENT_ID=customer-app", "SESSION_COOKIE_SECURE=false",
        "PAYMENT_CLIENT_USERNAME=process-app", "PAYMENT_CLIENT_PASSWORD=" + ProductionProfileIT.PAYMENT_CLIENT_SECRET,
        "KEY_WORKER_USERNAME=key-worker", "KEY_WORKER_PASSWORD=" + ProductionProfileIT.KEY_WORKER_SECRET,
        "KEY_CLIENT_USERNAME=process-app", "KEY_CLIENT_PASSWORD=" + ProductionProfileIT.KEY_CLIENT_SECRET,
        "RENTAL_OPERATOR_USERNAME=monitor", "RENTAL_OPERATOR_PASSWORD=" + ProductionProfileIT.OPERATOR_SECRET},
    paymentAdapter = {"PAYMENT_CLIENT_USERNAME=process-app",
        "PAYMENT_CLIENT_PASSWORD=" + ProductionProfileIT.PAYMENT_CLIENT_SECRET,
        "PAYMENT_OPERATOR_USERNAME=ledger", "PAYMENT_OPERATOR_PASSWORD=" + ProductionProfileIT.OPERATOR_SECRET},
    keyAdapter = {"ENGINE_REST_USERNAME=key-worker", "ENGINE_REST_PASSWORD=" + ProductionProfileIT.KEY_WORKER_SECRET,
        "KEYS_VEHICLE_USERNAME=vehicle-unit", "KEYS_VEHICLE_PASSWORD=" + ProductionProfileIT.OPERATOR_SECRET,
        "KEY_CLIENT_USERNAME=process-app", "KEY_CLIENT_PASSWORD=" + ProductionProfileIT.KEY_CLIENT_SECRET,
        "KEYS_OPERATOR_USERNAME=key-ops", "KEYS_OPERATOR_PASSWORD=" + ProductionProfileIT.OPERATOR_SECRET})
class ProductionProfileIT {

  static final String PAYMENT_CLIENT_SECRET = "pc-7Qx2LmZ9vB4nR8sT1wK6yH3j";
  static final String KEY_WORKER_SECRET = "kw-3Fh8Np2Xc6Vb9Mq4Lz7Tr1Ws";
  static final String KEY_CLIENT_SECRET = "kc-9Tz4Wq1Lm7Xv3Bn8Rp2Hs6Jd";
  static final String OPERATOR_SECRET = "op-5Gd1Ke8Yu3Ri6Ow9Pa2Sf7Hl";

  private static RentalStack stack;
  private static Issuers issuers;

  @BeforeAll
  static void stackAndIssuers(RentalStack started, Issuers running) {
    stack = started;
    issuers = running;
  }

  @Test
  void aCustomerWithATokenRentsGetsTheKeyFindsItOnHerPageAndCancels() {
    RentalApiClient carol = customer("carol");
    RentalApiClient dave = customer("dave");
    Response catalogue = carol.mobilities();
    assertThat(catalogue.status()).as("catalogue: %s", catalogue).isEqualTo(200);
    JsonNode vehicle = catalogue.json().get(0).get("id");

    Response applied = carol.apply(vehicle, 1);
    assertThat(applied.status()).as("apply: %s", applied).isEqualTo(201);
    String id = rentalId(applied);
    assertThat(applied.text("customer")).isEqualTo("carol");
    JsonNode active = awaitActive(carol, id);
    assertThat(active.path("key").asText()).matches("\\d{4}");
    assertThat(idsOnMyPage(carol)).contains(id);

    // another customer neither sees nor cancels it
    assertProblem(dave.rental(id), 404);
    assertProblem(dave.cancel(id), 404);
    assertThat(idsOnMyPage(dave)).doesNotContain(id);

    Response cancelled = carol.cancel(id);
    assertThat(cancelled.status()).as("cancel: %s", cancelled).isEqualTo(202);
    JsonNode done = awaitStatus(carol, id, "CANCELLED");
    assertThat(done.path("paymentStatus").asText()).isEqualTo("REFUNDED");
    // the services' own accounts, as deployed: the ledger and the key store agree
    Response payment = RentalApiClient.as(stack.paymentAdapter().baseUrl(), "ledger", OPERATOR_SECRET).payment(id);
    assertThat(payment.status()).as("payment: %s", payment).isEqualTo(200);
    assertThat(entries(payment.json(), "REFUND")).hasSize(1);
    Response key = RentalApiClient.as(stack.keyAdapter().baseUrl(), "key-ops", OPERATOR_SECRET).key(id);
    assertThat(key.text("status")).as("key: %s", key).isEqualTo("REVOKED");
  }

  @Test
  void tokensWithoutTheScopeExpiredOrOfAnotherIssuerAreRefused() throws InterruptedException {
    String base = stack.processApp().baseUrl();
    JsonNode vehicle = customer("carol").mobilities().json().get(1).get("id");
    int carolsRentals = idsOnMyPage(customer("carol")).size();

    assertProblem(RentalApiClient.anonymous(base).apply(vehicle, 1), 401);
    // signed in at the issuer, but not allowed to rent: no scope rentals
    assertProblem(customer("erin").apply(vehicle, 1), 403);
    assertProblem(customer("erin").myPage(), 403);
    // signed by a key the service does not trust, with a foreign issuer
    assertProblem(RentalApiClient.withToken(base, "carol at another issuer", issuers.foreign().token("carol"))
        .apply(vehicle, 1), 401);
    // expired: valid 2 s, the service allows 1 s of clock skew here
    RentalApiClient brief = customer("brief");
    assertThat(brief.myPage().status()).as("a fresh token works").isEqualTo(200);
    Thread.sleep(Duration.ofSeconds(4).toMillis());
    assertProblem(brief.apply(vehicle, 1), 401);
    // nothing was rented on the way
    assertThat(idsOnMyPage(customer("carol"))).hasSize(carolsRentals);
    assertThat(idsOnMyPage(customer("brief"))).isEmpty();
  }

  /**
   * The customer app signs carol in at the issuer (authorization code with PKCE), she rents through its form and
   * sees the key that the API shows her token of the same subject; signing out goes on to the issuer.
   */
  @Test
  void aCustomerSignsInToTheAppAtTheIssuerRentsAndSignsOutThere() {
    String app = stack.processApp().baseUrl();
    String issuer = issuers.trusted().uri();
    JsonNode vehicle = customer("carol").mobilities().json().get(2).get("id");
    AppSession browser = new AppSession();

    assertThat(browser.get(app + "/").uri().getPath()).isEqualTo("/app/login");
    AppSession.Page issuerLogin = browser.get(app + "/oauth2/authorization/customer-app");
    assertThat(issuerLogin.uri().toString()).as("the issuer's sign-in").startsWith(issuer + "/login");
    AppSession.Page home = browser.post(issuerLogin.uri().toString(), Map.of("username", TestIssuer.APP_USER,
        "password", TestIssuer.APP_PASSWORD, "_csrf", issuerLogin.csrf()));
    assertThat(home.uri().toString()).as("back in the app: %s", home.body()).startsWith(app + "/");
    assertThat(home.uri().getPath()).isEqualTo("/");
    assertThat(home.body()).contains("Rent a vehicle");

    AppSession.Page rental = browser.post(app + "/app/rentals", Map.of("mobilityId", vehicle.asText(),
        "hours", "24", "paymentMethod", "pm_card_visa", "_csrf", home.csrf()));
    assertThat(rental.uri().getPath()).as("the rental screen: %s", rental.body())
        .matches("/app/rentals/[0-9a-f-]{36}");
    String id = rental.uri().getPath().substring("/app/rentals/".length());
    JsonNode active = awaitActive(customer("carol"), id);
    assertThat(browser.get(app + "/app/rentals/" + id + "/status").body())
        .contains(active.path("key").asText(), "Your rental has started");

    HttpResponse<String> signedOut = browser.postWithoutFollowing(app + "/app/logout",
        Map.of("_csrf", rental.csrf()));
    assertThat(signedOut.statusCode()).isEqualTo(302);
    assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(location ->
        assertThat(location).startsWith(issuer + "/connect/logout"));
    assertThat(browser.get(app + "/app/mypage").uri().getPath()).isEqualTo("/app/login");
    assertThat(customer("carol").cancel(id).status()).isIn(200, 202);
  }

  private static RentalApiClient customer(String client) {
    return RentalApiClient.withToken(stack.processApp().baseUrl(), client, issuers.trusted().token(client));
  }
}
