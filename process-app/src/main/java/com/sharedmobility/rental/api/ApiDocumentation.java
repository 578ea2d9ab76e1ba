package com.sharedmobility.rental.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * What Swagger UI and {@code /v3/api-docs} tell a client developer: the product, its version, how a customer signs
 * in in this profile (HTTP Basic with the seeded users in {@code local}, an OAuth2 bearer token with the scope
 * {@code rentals} everywhere else) and the API's parts in a customer's words.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  static final String VEHICLES = "Vehicles";
  static final String RENTALS = "Rentals";
  static final String MY_PAGE = "My page";

  @Bean
  OpenAPI rentalApi(Environment environment, @Value("${rental.api.version}") String version) {
    boolean local = environment.acceptsProfiles(Profiles.of("local"));
    String scheme = local ? "basic" : "bearer";
    SecurityScheme signIn = local
        ? new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
            .description("The local profile's customers: alice / alice, bob / bob.")
        : new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
            .description("An access token of the configured OpenID Connect issuer with the scope 'rentals'; its"
                + " subject is the customer.");
    return new OpenAPI()
        .info(new Info()
            .title("Shared Mobility rental API")
            .version(version)
            .description("Rent a bike, scooter or car by the hour: see the vehicles and their prices, apply (the"
                + " charge happens at once; the 4-digit key that unlocks the vehicle follows within seconds), follow"
                + " your rentals and cancel one. Errors are RFC 9457 problem details; 503 with Retry-After means"
                + " busy, nothing was started, try again later."))
        .components(new Components().addSecuritySchemes(scheme, signIn))
        .addSecurityItem(new SecurityRequirement().addList(scheme))
        .tags(List.of(
            new Tag().name(VEHICLES).description("The vehicles you can rent and their price per hour"),
            new Tag().name(RENTALS).description("Apply for a vehicle, see one rental and its key, cancel it"),
            new Tag().name(MY_PAGE).description("All your rentals, newest first")));
  }
}
