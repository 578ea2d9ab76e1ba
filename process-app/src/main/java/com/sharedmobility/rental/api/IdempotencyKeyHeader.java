package com.sharedmobility.rental.api;

import com.sharedmobility.rental.idempotency.IdempotencyKeyFilter;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents the {@code Idempotency-Key} header that {@link IdempotencyKeyFilter} honours on an operation. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(in = ParameterIn.HEADER, name = IdempotencyKeyFilter.HEADER, required = false,
    description = "Makes a retry safe: the same key and body from the same customer within 24 hours gets the first"
        + " answer again and starts nothing; the same key with another body gets 422; a repeat while the first is"
        + " still being processed gets 409.",
    schema = @Schema(type = "string", maxLength = 255, example = "\"8e03978e-40d5-43e8-bc93-6894a57f9324\""))
@interface IdempotencyKeyHeader {
}
