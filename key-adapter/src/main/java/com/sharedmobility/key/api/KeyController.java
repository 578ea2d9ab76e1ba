package com.sharedmobility.key.api;

import com.sharedmobility.key.store.KeyService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/keys")
class KeyController {

  private final KeyService keys;

  KeyController(KeyService keys) {
    this.keys = keys;
  }

  /**
   * Answers 200 either way: an invalid key is an answer, not an error. A vehicle that took too many wrong keys is
   * locked out for a while: 429 with {@code Retry-After}, see {@link ProblemDetailsAdvice}.
   */
  @PostMapping(path = "/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
  VerifyKeyResponse verify(@Valid @RequestBody VerifyKeyRequest request, Principal caller,
      HttpServletRequest http) {
    return keys.verify(request.mobilityId(), request.key(), caller.getName() + " from " + http.getRemoteAddr())
        .map(VerifyKeyResponse::validFor)
        .orElseGet(VerifyKeyResponse::invalid);
  }

  /**
   * A cancel's question: the key is revoked unless it ever opened the vehicle (then 409, with the time of its first
   * unlock: the rental can only be returned). Repeating it is harmless.
   */
  @PostMapping("/{rentalId}/withdrawal")
  ResponseEntity<?> withdraw(@PathVariable
                             @Pattern(regexp = KeyService.RENTAL_ID_PATTERN, message = "must be a rental id (UUID)")
                             String rentalId) {
    Optional<Instant> unlocked = keys.withdraw(rentalId);
    if (unlocked.isEmpty()) {
      return ResponseEntity.ok(Map.of("rentalId", rentalId, "withdrawn", true));
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The key of rental " + rentalId
        + " opened the vehicle at " + unlocked.get() + "; it stays valid, and the rental can only be returned.");
    problem.setTitle("Key already used");
    problem.setProperty("firstUnlockedAt", unlocked.get());
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  /** A rental id is a UUID; anything else is a 400 and never reaches the database. */
  @GetMapping("/{rentalId}")
  KeyResponse get(@PathVariable
                  @Pattern(regexp = KeyService.RENTAL_ID_PATTERN, message = "must be a rental id (UUID)")
                  String rentalId) {
    return keys.find(rentalId)
        .map(KeyResponse::of)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no key for rental " + rentalId));
  }
}
