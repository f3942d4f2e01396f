package com.tixproof.pdf;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.QRCode;

/**
 * One encoded symbol under each of the eight data masks of ISO/IEC 18004 (§7.8), from a single
 * ZXing encoding: the data modules are unmasked once, then each mask is applied to them and its
 * format information (§7.9) written. Grids are {@code size * size} bytes, row by row, 1 = dark.
 * This is what ZXing's encoder does per mask, without encoding the data eight times.
 */
final class QrMasks {
  static final int COUNT = 8;
  private static final int FORMAT_POLY = 0x537;
  private static final int FORMAT_XOR = 0x5412;
  /** Format information bits 0..14 near the top-left finder, as {x, y} (the copy is at the other two). */
  private static final int[][] FORMAT_TOP_LEFT = {{8, 0}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {8, 7}, {8, 8},
      {7, 8}, {5, 8}, {4, 8}, {3, 8}, {2, 8}, {1, 8}, {0, 8}};

  private final int size;
  private final ErrorCorrectionLevel level;
  private final byte[] unmasked;
  private final boolean[] data;

  /** @param code ZXing's symbol with any mask applied */
  QrMasks(QRCode code) {
    ByteMatrix matrix = code.getMatrix();
    BitMatrix function = functionPatterns(code.getVersion());
    size = matrix.getWidth();
    level = code.getECLevel();
    unmasked = new byte[size * size];
    data = new boolean[size * size];
    int mask = code.getMaskPattern();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int i = y * size + x;
        boolean dark = matrix.get(x, y) == 1;
        if (!function.get(x, y)) {
          data[i] = true;
          dark ^= masked(mask, x, y);
        }
        unmasked[i] = (byte) (dark ? 1 : 0);
      }
    }
  }

  int size() {
    return size;
  }

  /** The symbol with this mask and its format information, as printed. */
  byte[] grid(int mask) {
    byte[] grid = unmasked.clone();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int i = y * size + x;
        if (data[i] && masked(mask, x, y)) {
          grid[i] ^= 1;
        }
      }
    }
    int format = formatBits(level, mask);
    for (int bit = 0; bit < 15; bit++) {
      byte dark = (byte) ((format >>> bit) & 1);
      grid[FORMAT_TOP_LEFT[bit][1] * size + FORMAT_TOP_LEFT[bit][0]] = dark;
      if (bit < 8) {
        grid[8 * size + size - 1 - bit] = dark;
      } else {
        grid[(size - 7 + bit - 8) * size + 8] = dark;
      }
    }
    return grid;
  }

  /** Finders with separators and format information, alignment and timing patterns, version information. */
  private static BitMatrix functionPatterns(Version version) {
    int size = version.getDimensionForVersion();
    BitMatrix function = new BitMatrix(size);
    function.setRegion(0, 0, 9, 9);
    function.setRegion(size - 8, 0, 8, 9);
    function.setRegion(0, size - 8, 9, 8);
    int[] centers = version.getAlignmentPatternCenters();
    int last = centers.length - 1;
    for (int i = 0; i <= last; i++) {
      for (int j = 0; j <= last; j++) {
        boolean onFinder = i == 0 && (j == 0 || j == last) || i == last && j == 0;
        if (!onFinder) {
          function.setRegion(centers[j] - 2, centers[i] - 2, 5, 5);
        }
      }
    }
    function.setRegion(6, 9, 1, size - 17);
    function.setRegion(9, 6, size - 17, 1);
    if (version.getVersionNumber() > 6) {
      function.setRegion(size - 11, 0, 3, 6);
      function.setRegion(0, size - 11, 6, 3);
    }
    return function;
  }

  /** Whether the mask inverts the module in column x, row y (ISO/IEC 18004 table 10). */
  static boolean masked(int mask, int x, int y) {
    int v;
    switch (mask) {
      case 0 -> v = (y + x) & 1;
      case 1 -> v = y & 1;
      case 2 -> v = x % 3;
      case 3 -> v = (y + x) % 3;
      case 4 -> v = ((y / 2) + (x / 3)) & 1;
      case 5 -> v = ((y * x) & 1) + ((y * x) % 3);
      case 6 -> v = (((y * x) & 1) + ((y * x) % 3)) & 1;
      case 7 -> v = (((y * x) % 3) + ((y + x) & 1)) & 1;
      default -> throw new IllegalArgumentException("no QR mask " + mask);
    }
    return v == 0;
  }

  /** The 15 format bits: level and mask, a BCH(15,5) code, XOR-ed with the standard pattern. */
  static int formatBits(ErrorCorrectionLevel level, int mask) {
    int info = (level.getBits() << 3) | mask;
    int remainder = info << 10;
    for (int bit = 14; bit >= 10; bit--) {
      if ((remainder >>> bit & 1) != 0) {
        remainder ^= FORMAT_POLY << (bit - 10);
      }
    }
    return ((info << 10) | remainder) ^ FORMAT_XOR;
  }
}
