package com.sharedmobility.key.store;

/** Draws candidate key codes: four decimal digits. */
public interface KeyCodeGenerator {

  String nextCode();
}
