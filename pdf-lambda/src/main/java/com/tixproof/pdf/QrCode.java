package com.tixproof.pdf;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import com.lowagie.text.BadElementException;
import com.lowagie.text.Image;
import com.lowagie.text.ImgRaw;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The token as a QR code image for OpenPDF: one pixel per module (quiet zone included), packed
 * 1 bit per pixel into a raw DeviceGray image (deflated with the page) that the page scales up.
 * No PNG round trip, and no CCITT encoding either.
 *
 * <p>The mask is chosen for the reader. A fixed mask left some tokens with a
 * {@link FinderLookalikes finder lookalike} in the data, and ZXing then took it for a finder and
 * failed to read the ticket at some resolutions (19 of 1,200 page scans of 200 random 210-character
 * tokens at 72–300 dpi; with a lookalike 13% of (token, mask) pairs failed somewhere, without one
 * 1.4%). ZXing's own choice by the standard's penalty does not avoid them and cost ~85% of a
 * ticket's render time, since it encodes the data once per mask. Here the data is encoded once,
 * {@link QrMasks} re-masks it, and the first mask without lookalikes wins (the fewest if none is
 * free of them). A residual ~0.2–0.4% of scans still fail at single resolutions; see
 * docs/PERFORMANCE.md, Tickets.
 */
final class QrCode {
  private static final int QUIET_ZONE_MODULES = 4;
  private static final ErrorCorrectionLevel LEVEL = ErrorCorrectionLevel.M;

  private QrCode() {}

  /**
   * The symbol with its quiet zone, a set bit dark.
   *
   * @throws InvalidTicketRequestException when the token does not fit in a QR code
   */
  static BitMatrix matrix(String token) {
    QrMasks masks = new QrMasks(encode(token));
    int size = masks.size();
    byte[] grid = bestGrid(masks);
    int full = size + 2 * QUIET_ZONE_MODULES;
    BitMatrix matrix = new BitMatrix(full, full);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (grid[y * size + x] == 1) {
          matrix.set(x + QUIET_ZONE_MODULES, y + QUIET_ZONE_MODULES);
        }
      }
    }
    return matrix;
  }

  /**
   * The symbol under the first mask, in the standard's order, with no finder lookalike; failing
   * that, under the one with the fewest (rare at the ~210 characters of a real token, common from
   * version 16).
   */
  static byte[] bestGrid(QrMasks masks) {
    byte[] best = null;
    int fewest = Integer.MAX_VALUE;
    for (int mask = 0; mask < QrMasks.COUNT; mask++) {
      byte[] grid = masks.grid(mask);
      int lookalikes = FinderLookalikes.count(grid, masks.size());
      if (lookalikes == 0) {
        return grid;
      }
      if (lookalikes < fewest) {
        fewest = lookalikes;
        best = grid;
      }
    }
    return best;
  }

  /** ZXing's encoding at level M with mask 0; {@link QrMasks} re-masks it. */
  private static QRCode encode(String token) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_MASK_PATTERN, 0);
    if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(token)) {
      hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    }
    try {
      return Encoder.encode(token, LEVEL, hints);
    } catch (WriterException | IllegalArgumentException e) {
      throw new InvalidTicketRequestException("token cannot be put in a QR code (" + token.length() + " characters): " + e.getMessage());
    }
  }

  /** The matrix as a 1-bit DeviceGray image, where a set bit is white (a light module or the quiet zone). */
  static Image image(BitMatrix matrix) {
    int width = matrix.getWidth();
    int height = matrix.getHeight();
    int rowBytes = (width + 7) / 8;
    byte[] bits = new byte[rowBytes * height];
    for (int y = 0; y < height; y++) {
      int row = y * rowBytes;
      for (int x = 0; x < width; x++) {
        if (!matrix.get(x, y)) {
          bits[row + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
        }
      }
    }
    try {
      // ImgRaw directly: Image.getInstance(w, h, 1, 1, bits) would CCITT-encode it, ~0.2 ms more per ticket
      return new ImgRaw(width, height, 1, 1, bits);
    } catch (BadElementException e) {
      throw new IllegalStateException("OpenPDF refused a " + width + "x" + height + " 1-bit image", e);
    }
  }
}
