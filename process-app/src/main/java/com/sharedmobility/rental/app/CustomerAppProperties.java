package com.sharedmobility.rental.app;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the customer app ({@code rental.app.*}).
 *
 * @param paymentMethods the payment methods a customer can choose from, in this order (their names are texts of
 *     the bundle, {@code paymentMethod.<id>})
 * @param pageSize rentals per page of my page, vehicles per page of the catalogue
 * @param clientId the app's client at the issuer (outside the local profile): {@code OAUTH2_CLIENT_ID}
 * @param clientSecret its secret, {@code OAUTH2_CLIENT_SECRET}; blank for a public client (PKCE only)
 */
@Validated
@ConfigurationProperties("rental.app")
public record CustomerAppProperties(@NotEmpty List<String> paymentMethods,
                                    @Min(1) int pageSize,
                                    String clientId,
                                    String clientSecret) {
}
