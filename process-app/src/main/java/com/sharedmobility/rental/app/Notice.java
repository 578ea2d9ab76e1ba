package com.sharedmobility.rental.app;

import java.io.Serializable;

/**
 * A sentence for the customer: the key of a text in the app's bundle (app/messages.properties) and its arguments.
 * Serializable: it travels as a flash attribute through the session to the page after a redirect.
 */
public record Notice(String code, Serializable... args) implements Serializable {
}
