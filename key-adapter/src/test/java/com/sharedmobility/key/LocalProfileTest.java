package com.sharedmobility.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.key.KeyApiClient.Login;
import com.sharedmobility.key.store.KeyService;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The local profile needs nothing but a JDK: H2 with the same migration, and the seeded accounts. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.client.disable-auto-fetching=true")
@ActiveProfiles("local")
class LocalProfileTest {

  @LocalServerPort
  private int port;
  @Autowired
  private KeyService keys;
  @Autowired
  private ObjectMapper json;

  @Test
  void theSeededVehicleVerifiesAndTheSeededOperatorReads() throws Exception {
    KeyApiClient api = new KeyApiClient(port);
    String rentalId = UUID.randomUUID().toString();
    String code = keys.issue(rentalId, "scooter-7", Duration.ofHours(1));

    JsonNode verified = json.readTree(api.postJson("/keys/verify",
        "{\"mobilityId\": \"scooter-7\", \"key\": \"" + code + "\"}", new Login("vehicle", "vehicle")).body());
    assertThat(verified.get("valid").asBoolean()).isTrue();
    assertThat(verified.get("rentalId").asText()).isEqualTo(rentalId);

    var read = api.get("/keys/" + rentalId, new Login("ops", "ops"));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(json.readTree(read.body()).get("status").asText()).isEqualTo("ISSUED");
  }

  @Test
  void wrongKeysLockAVehicleOutOnH2Too() {
    KeyApiClient api = new KeyApiClient(port);
    String code = keys.issue(UUID.randomUUID().toString(), "bike-h2", Duration.ofHours(1));
    String wrong = "%04d".formatted((Integer.parseInt(code) + 1) % 10_000);
    Login vehicle = new Login("vehicle", "vehicle");

    for (int i = 0; i < 5; i++) {
      assertThat(api.postJson("/keys/verify", "{\"mobilityId\": \"bike-h2\", \"key\": \"" + wrong + "\"}", vehicle)
          .statusCode()).isEqualTo(200);
    }
    var locked = api.postJson("/keys/verify", "{\"mobilityId\": \"bike-h2\", \"key\": \"" + code + "\"}", vehicle);

    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void theSeededAccountsKeepToTheirRoles() {
    KeyApiClient api = new KeyApiClient(port);

    assertThat(api.get("/keys/" + UUID.randomUUID(), new Login("vehicle", "vehicle")).statusCode()).isEqualTo(403);
    assertThat(api.postJson("/keys/verify", "{\"mobilityId\": \"x\", \"key\": \"1234\"}", new Login("ops", "ops"))
        .statusCode()).isEqualTo(403);
  }
}
