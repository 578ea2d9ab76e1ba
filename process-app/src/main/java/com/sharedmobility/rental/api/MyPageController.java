package com.sharedmobility.rental.api;

import com.sharedmobility.rental.readmodel.RentalCursor;
import com.sharedmobility.rental.readmodel.RentalReadModel;
import com.sharedmobility.rental.readmodel.RentalView;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = ApiDocumentation.MY_PAGE)
@Validated
public class MyPageController {

  private final RentalReadModel readModel;

  public MyPageController(RentalReadModel readModel) {
    this.readModel = readModel;
  }

  /**
   * The caller's rentals, newest first, from the read model only, a page at a time: when more exist, an RFC 8288
   * {@code Link: <...>; rel="next"} header names the next page ({@code after}, a cursor, not a count to skip).
   */
  @GetMapping("/mypages")
  public ResponseEntity<List<RentalResponse>> myPage(
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
      @RequestParam(required = false) String after, Principal customer) {
    RentalCursor cursor = after == null ? null : RentalCursor.decode(after).orElseThrow(() -> badCursor(after));
    // one row more than the page tells whether a next one exists
    List<RentalView> rows = readModel.newestOf(customer.getName(), cursor, limit + 1);
    List<RentalView> page = rows.subList(0, Math.min(limit, rows.size()));
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
    if (rows.size() > limit) {
      String next = ServletUriComponentsBuilder.fromCurrentRequest()
          .replaceQueryParam("limit", limit)
          .replaceQueryParam("after", RentalCursor.after(page.get(page.size() - 1)).encode())
          .build().toUriString();
      answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
    }
    return answer.body(page.stream().map(RentalResponse::of).toList());
  }

  private static ErrorResponseException badCursor(String after) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "'after' must be the cursor of"
        + " a Link header of this API, not '" + (after.length() > 64 ? after.substring(0, 64) + "..." : after) + "'.");
    problem.setTitle("Invalid cursor");
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
  }
}
