package io.invstream.datasets.fashion;

import java.util.ArrayList;
import java.util.List;

/** The ten Fashion-MNIST classes; {@link #ordinal()} is the label stored in the files. */
public enum FashionMnistClass {
  T_SHIRT_TOP("T-shirt/top"),
  TROUSER("Trouser"),
  PULLOVER("Pullover"),
  DRESS("Dress"),
  COAT("Coat"),
  SANDAL("Sandal"),
  SHIRT("Shirt"),
  SNEAKER("Sneaker"),
  BAG("Bag"),
  ANKLE_BOOT("Ankle boot");

  private final String displayName;

  FashionMnistClass(String displayName) {
    this.displayName = displayName;
  }

  /** The name Zalando's documentation uses. */
  public String displayName() {
    return displayName;
  }

  /** Display names by label. */
  public static List<String> displayNames() {
    List<String> names = new ArrayList<>();
    for (FashionMnistClass c : values()) {
      names.add(c.displayName);
    }
    return names;
  }
}
