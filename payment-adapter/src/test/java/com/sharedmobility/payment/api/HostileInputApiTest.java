package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.testsupport.HostileInput;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriUtils;

/**
 * Injection strings in ids, query parameters and fields of the payment API are a 400 or 404 that shows nothing of
 * the server's internals, and neither record nor charge anything.
 */
class HostileInputApiTest extends PaymentApiTestSupport {

  @Autowired
  ObjectMapper json;

  static Stream<Arguments> hostileStrings() {
    return HostileInput.STRINGS.stream().map(input -> Arguments.of(HostileInput.label(input), input));
  }

  @ParameterizedTest(name = "rental id {0}")
  @MethodSource("hostileStrings")
  void inARentalId(String label, String input) throws Exception {
    String id = UriUtils.encodePathSegment(input, StandardCharsets.UTF_8);

    assertRefused(send(HttpMethod.GET, "/payments/" + id, null), 400, 404);
    assertRefused(send(HttpMethod.POST, "/payments/" + id + "/charge", chargeBody("12.50")), 400, 404);
    assertRefused(send(HttpMethod.POST, "/payments/" + id + "/refund", null), 400, 404);
  }

  @ParameterizedTest(name = "status and limit {0}")
  @MethodSource("hostileStrings")
  void inAQueryParameter(String label, String input) throws Exception {
    String value = UriUtils.encodeQueryParam(input, StandardCharsets.UTF_8);

    assertRefused(send(HttpMethod.GET, "/payments?status=" + value, null), 400);
    assertRefused(send(HttpMethod.GET, "/payments?limit=" + value, null), 400);
  }

  @ParameterizedTest(name = "{0} as currency, paymentMethod and customer")
  @MethodSource("hostileStrings")
  void inAJsonField(String label, String input) throws Exception {
    for (String field : new String[] {"currency", "paymentMethod", "customer"}) {
      UUID rental = UUID.randomUUID();

      assertRefused(send(HttpMethod.POST, "/payments/" + rental + "/charge", chargeWith(field, input)), 400);
      assertNothingRecorded(rental);
    }
  }

  private String chargeWith(String field, String value) throws JsonProcessingException {
    Map<String, Object> charge = new LinkedHashMap<>(
        Map.of("amount", 12.50, "currency", "EUR", "paymentMethod", VISA, "customer", "alice"));
    charge.put(field, value);
    return json.writeValueAsString(charge);
  }

  /** Sends the path as it is, already encoded. */
  private ResponseEntity<String> send(HttpMethod method, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(URI.create(http.getRootUri() + path), method, new HttpEntity<>(body, headers),
        String.class);
  }

  private static void assertRefused(ResponseEntity<String> response, Integer... statuses) {
    String body = String.valueOf(response.getBody());
    assertThat(response.getStatusCode().value()).as("status, body %s", body).isIn((Object[]) statuses);
    assertThat(HostileInput.internalsIn(body)).as("internals in %s", body).isNull();
  }
}
