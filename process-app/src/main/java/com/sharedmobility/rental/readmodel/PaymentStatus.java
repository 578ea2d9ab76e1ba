package com.sharedmobility.rental.readmodel;

public enum PaymentStatus {
  NONE, PAID, REFUNDED, DECLINED
}
