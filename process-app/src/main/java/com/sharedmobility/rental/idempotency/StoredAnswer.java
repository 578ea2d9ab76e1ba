package com.sharedmobility.rental.idempotency;

/** The first answer to an idempotent request, given again to every repeat. */
public record StoredAnswer(int status, String location, String contentType, String body) {
}
