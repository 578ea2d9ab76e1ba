package com.sharedmobility.rental.app;

import com.sharedmobility.rental.readmodel.PaymentStatus;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.readmodel.RentalView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;

/**
 * A rental as the customer app shows it: the read model's row, the vehicle's name and, while it is active, when it
 * runs out.
 */
public record RentalCard(RentalView rental, String vehicleName, Instant endsAt) {

  private static final Set<RentalStatus> CANCELLABLE =
      EnumSet.of(RentalStatus.PAYMENT_PENDING, RentalStatus.KEY_PENDING, RentalStatus.ACTIVE);
  /** While a rental moves on its own, the rental screen asks for news this often (ms); once settled, never. */
  private static final long POLL_WHILE_MOVING = 1000;
  private static final long POLL_WHILE_ACTIVE = 5000;
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  public RentalStatus status() {
    return rental.status();
  }

  /** The key, only while it opens the vehicle. */
  public String key() {
    return rental.status() == RentalStatus.ACTIVE ? rental.key() : null;
  }

  /** The key digit by digit, as a screen reader should say it. */
  public String spokenKey() {
    String key = key();
    return key == null ? null : String.join(" ", key.split(""));
  }

  /** A time as the page shows it before its script puts it in the reader's own time zone. */
  public String utc(Instant at) {
    return UTC.format(at);
  }

  public boolean cancellable() {
    return CANCELLABLE.contains(rental.status());
  }

  /** Only a rental ready to ride is returned early. */
  public boolean returnable() {
    return rental.status() == RentalStatus.ACTIVE;
  }

  /** Milliseconds until the screen asks again; null once nothing changes any more without the customer. */
  public Long pollMillis() {
    if (rental.status() == RentalStatus.ACTIVE) {
      return POLL_WHILE_ACTIVE;
    }
    return RentalStatus.LIVE.contains(rental.status()) || moneyOnItsWayBack() ? POLL_WHILE_MOVING : null;
  }

  /**
   * The sentence of the rental's state; an aborted rental's also says where its money stands (being refunded,
   * refunded, or none taken).
   */
  public String stateMessage() {
    return rental.status() == RentalStatus.ABORTED
        ? "status.ABORTED." + rental.paymentStatus().name()
        : "status." + rental.status().name();
  }

  /** An aborted rental's settlement refunds after it revokes the key: the screen follows until it has. */
  private boolean moneyOnItsWayBack() {
    return rental.status() == RentalStatus.ABORTED && rental.paymentStatus() == PaymentStatus.PAID;
  }

  /** How far the rental got on its way to a working key: 1 paying, 2 waiting for the key, 3 active; 0 otherwise. */
  public int step() {
    return switch (rental.status()) {
      case PAYMENT_PENDING -> 1;
      case KEY_PENDING -> 2;
      case ACTIVE -> 3;
      default -> 0;
    };
  }
}
