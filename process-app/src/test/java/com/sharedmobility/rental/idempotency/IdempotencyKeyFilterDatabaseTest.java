package com.sharedmobility.rental.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.rental.api.ProblemLanguage;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A database that is away while a request with an Idempotency-Key comes in is a 503 that starts nothing. */
class IdempotencyKeyFilterDatabaseTest {

  private final IdempotentRequests requests = mock(IdempotentRequests.class);
  private final IdempotencyKeyFilter filter = new IdempotencyKeyFilter(requests, new ObjectMapper(),
      new ProblemLanguage(new StaticMessageSource()));

  @Test
  void aClaimThatCannotBeReleasedBecauseTheDatabaseWentAwayIsReleasedWhenItIsBack() throws Exception {
    IdempotentRequest claimed = new IdempotentRequest("alice", "k-2", "fingerprint", "owner-1");
    when(requests.claim(any(), any(), any())).thenReturn(new Claim.Work(claimed));
    doThrow(new DataAccessResourceFailureException("release", new SQLException("I/O error", "08006")))
        .when(requests).release(claimed);
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/rentals");
    request.setUserPrincipal(() -> "alice");
    request.addHeader(IdempotencyKeyFilter.HEADER, "k-2");
    request.setContent("{\"mobilityId\":\"bike-01\",\"hours\":1}".getBytes(StandardCharsets.UTF_8));
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(request, response, (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(503));

    assertThat(response.getStatus()).isEqualTo(503);
    verify(requests).releaseWhenBack(claimed);
  }

  @Test
  void aKeyThatCannotBeClaimedBecauseTheDatabaseIsAwayIsA503WithItsWait() throws Exception {
    when(requests.claim(any(), any(), any())).thenThrow(new DataAccessResourceFailureException("claim",
        new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/rentals");
    request.setUserPrincipal(() -> "alice");
    request.addHeader(IdempotencyKeyFilter.HEADER, "\"k-1\"");
    request.setContent("{\"mobilityId\":\"bike-01\",\"hours\":1}".getBytes(StandardCharsets.UTF_8));
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    assertThat(response.getContentAsString()).contains("cannot reach its database");
    assertThat(chain.getRequest()).as("the application was not started").isNull();
  }
}
