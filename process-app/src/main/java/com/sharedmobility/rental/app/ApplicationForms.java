package com.sharedmobility.rental.app;

import com.sharedmobility.rental.idempotency.Claim;
import com.sharedmobility.rental.idempotency.Fingerprint;
import com.sharedmobility.rental.idempotency.IdempotentRequest;
import com.sharedmobility.rental.idempotency.IdempotentRequests;
import com.sharedmobility.rental.idempotency.StoredAnswer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The request key each application form of the app carries, kept like an API {@code Idempotency-Key} (in their own
 * name space): the first sending of a form applies, every repeat goes to the rental it started.
 */
@Component
public class ApplicationForms {

  private static final Pattern KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final IdempotentRequests requests;

  public ApplicationForms(IdempotentRequests requests) {
    this.requests = requests;
  }

  /** A fresh key for a form about to be shown. */
  public String newKey() {
    return UUID.randomUUID().toString();
  }

  /** Work without a key when the form had none (an old page): the application then is as safe as before. */
  Claim claim(String customer, String requestKey, String mobilityId, String hours, String paymentMethod) {
    if (!KEY.matcher(requestKey).matches()) {
      return new Claim.Work(null);
    }
    return requests.claim(customer, "app:" + requestKey,
        Fingerprint.of(String.join("\n", "POST /app/rentals", mobilityId, hours, paymentMethod)
            .getBytes(StandardCharsets.UTF_8)));
  }

  /** The rental screen, which every repeat of the form is sent to as well. */
  String answered(IdempotentRequest form, String rentalId) {
    String location = "/app/rentals/" + rentalId;
    if (form != null) {
      requests.answer(form, new StoredAnswer(HttpStatus.SEE_OTHER.value(), location, null, null));
    }
    return "redirect:" + location;
  }

  /** Nothing was started: the same form may be sent again. */
  void refused(IdempotentRequest form) {
    if (form != null) {
      requests.release(form);
    }
  }
}
