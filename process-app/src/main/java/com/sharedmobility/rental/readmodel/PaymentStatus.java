package com.sharedmobility.rental.readmodel;

public enum PaymentStatus {
  NONE, PAID, PARTLY_REFUNDED, REFUNDED, DECLINED
}
