package com.sharedmobility.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RentalIdLogFilterTest {

  private static final String RENTAL_ID = "3f2c7d4e-8a1b-4c5d-9e6f-0a1b2c3d4e5f";

  private final RentalIdLogFilter filter = new RentalIdLogFilter("/payments/");
  private final List<String> seen = new ArrayList<>();

  @Test
  void theRentalIdOfThePathIsInTheLoggingContextWhileTheRequestIsHandled() throws Exception {
    handle("/payments/" + RENTAL_ID + "/charge");
    handle("/payments/" + RENTAL_ID);

    assertThat(seen).containsExactly(RENTAL_ID, RENTAL_ID);
    assertThat(MDC.get(RentalLogContext.KEY)).isNull();
  }

  @Test
  void otherPathsAndIdsThatAreNoRentalIdsLeaveTheContextAlone() throws Exception {
    handle("/payments");
    handle("/actuator/health");
    handle("/payments/%0aFAKE%20LOG%20LINE/charge");
    handle("/payments/" + RENTAL_ID + "x/charge");

    assertThat(seen).containsOnlyNulls().hasSize(4);
  }

  private void handle(String path) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    filter.doFilter(request, new MockHttpServletResponse(),
        new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
        }, (req, res, chain) -> seen.add(MDC.get(RentalLogContext.KEY))));
  }
}
