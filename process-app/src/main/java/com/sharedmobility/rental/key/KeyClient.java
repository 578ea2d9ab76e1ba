package com.sharedmobility.rental.key;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** HTTP client of the key service; timeouts in application.yml (spring.cloud.openfeign.client.config.keys). */
@FeignClient(name = "keys", url = "${rental.keys.url}", configuration = KeyClientConfiguration.class)
public interface KeyClient {

  /** Revokes the rental's key unless it opened the vehicle: 200 when withdrawn, 409 when it was used. */
  @PostMapping("/keys/{rentalId}/withdrawal")
  Withdrawal withdraw(@PathVariable("rentalId") String rentalId);

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Withdrawal(String rentalId, boolean withdrawn) {
  }
}
