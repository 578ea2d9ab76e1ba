package com.sharedmobility.rental.catalogue;

public enum MobilityType {
  BIKE, SCOOTER, CAR
}
