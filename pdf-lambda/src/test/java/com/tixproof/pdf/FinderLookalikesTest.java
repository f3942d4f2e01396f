package com.tixproof.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FinderLookalikesTest {
  private static final int SIZE = 21;

  @Test
  @DisplayName("a 1:1:3:1:1 cross in the data counts once per core module on its row; the real finders do not count")
  void plantedCross() {
    byte[] grid = new byte[SIZE * SIZE];
    finder(grid, 0, 0);
    finder(grid, SIZE - 7, 0);
    finder(grid, 0, SIZE - 7);
    assertEquals(0, FinderLookalikes.count(grid, SIZE));
    finder(grid, 9, 9);
    assertEquals(3 * 3, FinderLookalikes.count(grid, SIZE), "the 3×3 core of a finder-shaped square in the data");
  }

  @Test
  @DisplayName("the printed mask is the first without finder lookalikes, else the one with the fewest")
  void chosenMaskHasFewest() throws Exception {
    Random random = new Random(11);
    for (int i = 0; i < 100; i++) {
      String token = QrTokens.random(random);
      QrMasks masks = new QrMasks(Encoder.encode(token, ErrorCorrectionLevel.M, Map.of(EncodeHintType.QR_MASK_PATTERN, 0)));
      int fewest = Integer.MAX_VALUE;
      for (int mask = 0; mask < QrMasks.COUNT; mask++) {
        fewest = Math.min(fewest, FinderLookalikes.count(masks.grid(mask), masks.size()));
      }
      assertEquals(fewest, FinderLookalikes.count(QrCode.bestGrid(masks), masks.size()), token);
      BitMatrix printed = QrCode.matrix(token);
      assertEquals(masks.size() + 8, printed.getWidth(), "4 modules of quiet zone each side");
    }
  }

  private static void finder(byte[] grid, int left, int top) {
    for (int y = 0; y < 7; y++) {
      for (int x = 0; x < 7; x++) {
        int ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
        grid[(top + y) * SIZE + left + x] = (byte) (ring == 2 ? 0 : 1);
      }
    }
  }
}
